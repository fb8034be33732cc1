using CytoViability.Library;

namespace CytoViability.Core.Tests.Library;

public sealed class PublicApiTests
{
    [Fact]
    public void TheLibrarysPublicSurface_IsTheApprovedOne()
        => ApprovedPublicApi.Check(typeof(GatingTemplate).Assembly, Path.Combine(TestPaths.RepositoryRoot, "tests", "CytoViability.Core.Tests", "Library", "CytoViability.Core.approved.txt"));
}
