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
    /// <summary>The cytometer set-up every tube of the experiment was acquired with.</summary>
    public AcquisitionSetup Setup { get; init; } = AcquisitionSetup.Reference;

    /// <summary>Condition columns that identify a biological condition (replicate wells of one condition are pooled).</summary>
    public IEnumerable<string> GroupingColumns => ConditionColumns.Where(c => c != ExampleDesigns.ReplicateColumn);
}
