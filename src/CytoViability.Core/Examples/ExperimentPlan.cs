namespace CytoViability.Core.Examples;

/// <summary>One example experiment: a folder of tubes with its condition columns, its gating template and its truth.</summary>
internal sealed record ExperimentPlan(
    string Folder,
    string ExperimentName,
    string Template,
    string Date,
    IReadOnlyList<string> ConditionColumns,
    IReadOnlyList<TubePlan> Tubes,
    IReadOnlyList<TruthRow> DonorTruth)
{
    /// <summary>Condition columns that identify a biological condition (replicate wells of one condition are pooled).</summary>
    public IEnumerable<string> GroupingColumns => ConditionColumns.Where(c => c != ExampleDesigns.ReplicateColumn);
}
