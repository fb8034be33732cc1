namespace CytoViability.Cli;

/// <summary>The process exit codes promised in DESIGN.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int UsageOrConfiguration = 1;
    public const int SomeInputsFailed = 2;
    public const int NothingProcessed = 3;
}
