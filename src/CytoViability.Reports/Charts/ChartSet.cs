namespace CytoViability.Reports.Charts;

/// <summary>The condition charts of a run and the donors they show, in the order their colours are given.</summary>
internal sealed record ChartSet(IReadOnlyList<ConditionChart> Metrics, IReadOnlyList<ConditionChart> Killing, IReadOnlyList<string> Donors);
