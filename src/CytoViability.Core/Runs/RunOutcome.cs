using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// The end of a run: its status, configuration problems (when nothing ran), where the outputs are, and counts.
/// </summary>
internal sealed record RunOutcome(
    RunStatus Status,
    IReadOnlyList<ConfigurationProblem> Problems,
    string? OutputFolder,
    int Processed,
    int Failed)
{
    /// <summary>The template the run used (null when configuration failed before it was loaded).</summary>
    public GatingTemplate? Template { get; init; }

    public static RunOutcome Configuration(IReadOnlyList<ConfigurationProblem> problems) => new(RunStatus.ConfigurationError, problems, null, 0, 0);
}
