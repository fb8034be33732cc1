namespace CytoViability.Core.Runs;

/// <summary>How a run ended; maps one to one onto the exit codes of DESIGN.md (0, 2, 3, 1).</summary>
public enum RunStatus
{
    Success,
    SomeInputsFailed,
    NothingProcessed,
    ConfigurationError,
}
