namespace CytoViability.Reports.Charts;

/// <summary>
/// A chart of one metric across conditions, in the figure style of the lab's papers: bars, or a dose–response plot
/// when <see cref="DoseColumn"/> names the condition column that holds a concentration (its index in each bar's
/// <see cref="ConditionBar.Values"/>, -1 for bars). <see cref="Test"/> names the test behind the p-values.
/// </summary>
internal sealed record ConditionChart(string Name, string Title, string ValueLabel, IReadOnlyList<ConditionBar> Bars)
{
    public int DoseColumn { get; init; } = -1;

    public string DoseLabel { get; init; } = string.Empty;

    public string Test { get; init; } = string.Empty;
}
