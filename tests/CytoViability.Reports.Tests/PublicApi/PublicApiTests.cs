namespace CytoViability.Reports.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void TheReportAssembly_ShowsNoPublicTypes()
        => ApprovedPublicApi.Check(typeof(ReportBuilder).Assembly, Path.Combine(TestPaths.RepositoryRoot, "tests", "CytoViability.Reports.Tests", "PublicApi", "CytoViability.Reports.approved.txt"));
}
