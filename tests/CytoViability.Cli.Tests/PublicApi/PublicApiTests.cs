namespace CytoViability.Cli.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void TheCommandLineTool_ShowsNoPublicTypes()
        => ApprovedPublicApi.Check(typeof(CliApp).Assembly, Path.Combine(TestPaths.RepositoryRoot, "tests", "CytoViability.Cli.Tests", "PublicApi", "cytoviability.approved.txt"));
}
