namespace CytoViability.Core.Runs;

/// <summary>How a run ended; maps one to one onto the exit codes of DESIGN.md (0, 2, 3, 1, 4).</summary>
internal enum RunStatus
{
    Success,
    SomeInputsFailed,
    NothingProcessed,
    ConfigurationError,

    /// <summary>Only with `--fail-on-qc`: every input was processed, but qc.csv holds a fail row.</summary>
    QcFailed,
}
