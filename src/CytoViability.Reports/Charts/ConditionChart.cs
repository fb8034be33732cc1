namespace CytoViability.Reports.Charts;

/// <summary>A bar chart of one metric across conditions, in the figure style of the lab's papers.</summary>
public sealed record ConditionChart(string Name, string Title, string ValueLabel, IReadOnlyList<ConditionBar> Bars);
