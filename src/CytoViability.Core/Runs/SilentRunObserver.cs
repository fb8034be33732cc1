namespace CytoViability.Core.Runs;

/// <summary>An observer that ignores everything (benchmarks, tests of results only).</summary>
internal sealed class SilentRunObserver : IRunObserver
{
    public static SilentRunObserver Instance { get; } = new();

    public void Planned(int fileCount)
    {
    }

    public void FileFinished(string file, string? failure)
    {
    }

    public void Information(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
