namespace CytoViability.Core.Runs;

/// <summary>
/// What a run tells the outside while it works (progress bar, log). Called from worker threads; implementations
/// must be thread-safe. Nothing here affects results.
/// </summary>
internal interface IRunObserver
{
    /// <summary>The files to process are known.</summary>
    void Planned(int fileCount);

    /// <summary>One file is done; <paramref name="failure"/> is null when it was processed.</summary>
    void FileFinished(string file, string? failure);

    void Information(string message);

    void Warning(string message);
}
