namespace CytoViability.Cli;

/// <summary>The process exit codes promised in DESIGN.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int UsageOrConfiguration = 1;
    public const int SomeInputsFailed = 2;
    public const int NothingProcessed = 3;

    /// <summary>Only with `run --fail-on-qc`: the run finished and qc.csv holds at least one fail row.</summary>
    public const int QcFailed = 4;
}
