namespace CytoViability.Tests;

/// <summary>Locates the repository and the read-only shared data (../shared beside the clone, or CYTOVIABILITY_SHARED).</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Shared { get; } = FindShared();

    public static string SharedFcs => Path.Combine(Shared, "data", "fcs");

    /// <summary>The independent reference decode beside a shared FCS file (<c>data/fcs/ref/FILE.json</c>).</summary>
    public static string SharedFcsReference(string file) => Path.Combine(SharedFcs, "ref", file + ".json");

    public static string GatingMl2 => Path.Combine(Shared, "data", "gatingml2");

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

    private static string FindShared()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CYTOVIABILITY_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var beside = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        if (Directory.Exists(beside))
        {
            return beside;
        }

        throw new DirectoryNotFoundException("shared data not found at " + beside + "; set CYTOVIABILITY_SHARED");
    }
}
