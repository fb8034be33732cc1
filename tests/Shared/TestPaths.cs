namespace CytoViability.Tests;

/// <summary>
/// Locates the repository and the test data it carries in <c>tests/data</c> (public FCS files with their reference
/// decodes, the Gating-ML 2.0 compliance suite), so the tests need nothing outside the clone.
/// </summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Data => Path.Combine(RepositoryRoot, "tests", "data");

    /// <summary>The public FCS corpus (<c>tests/data/fcs</c>, listed in its manifest.tsv).</summary>
    public static string CorpusFcs => Path.Combine(Data, "fcs");

    /// <summary>The independent reference decode of a corpus file (<c>tests/data/fcs/ref/FILE.json</c>).</summary>
    public static string CorpusFcsReference(string file) => Path.Combine(CorpusFcs, "ref", file + ".json");

    public static string GatingMl2 => Path.Combine(Data, "gatingml2");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CytoViability.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CytoViability.sln not found above " + AppContext.BaseDirectory);
    }
}
