using CytoViability.Cli.Logging;
using CytoViability.Core.Runs;
using Serilog;
using Spectre.Console;

namespace CytoViability.Cli.Runs;

/// <summary>
/// Sends a run's progress to the log (run.log, and plain lines when the console is redirected) and, on a terminal,
/// to a Spectre.Console progress bar. Text from the folder is escaped (<see cref="LogText"/>): one event, one line.
/// </summary>
internal sealed class ConsoleRunObserver : IRunObserver
{
    private readonly ILogger _log;
    private readonly ProgressContext? _progress;
    private ProgressTask? _task;
    private int _done;
    private int _total;

    public ConsoleRunObserver(ILogger log, ProgressContext? progress)
    {
        _log = log;
        _progress = progress;
    }

    public void Planned(int fileCount)
    {
        _total = fileCount;
        _log.Information("{Count} FCS files to process", fileCount);
        _task = _progress?.AddTask("Gating files", maxValue: Math.Max(1, fileCount));
    }

    public void FileFinished(string file, string? failure)
    {
        var done = Interlocked.Increment(ref _done);
        if (failure is null)
        {
            _log.Information("[{Done}/{Total}] {File:l}", done, _total, LogText.Escape(file));
        }
        else
        {
            _log.Warning("[{Done}/{Total}] {File:l} failed: {Reason:l}", done, _total, LogText.Escape(file), LogText.Escape(failure));
        }

        _task?.Increment(1);
    }

    public void Information(string message) => _log.Information("{Message:l}", LogText.Escape(message));

    public void Warning(string message) => _log.Warning("{Message:l}", LogText.Escape(message));
}
