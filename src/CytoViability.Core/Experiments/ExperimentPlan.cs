namespace CytoViability.Core.Experiments;

/// <summary>
/// Everything known about an experiment before any FCS file is read: the files to process (ordinal path order),
/// the files refused up front, and the metadata columns: <see cref="Columns"/> every sheet and rule column
/// besides file/sample/donor/replicate, <see cref="ConditionColumns"/> the subset that defines conditions.
/// </summary>
internal sealed record ExperimentPlan(
    string Folder,
    IReadOnlyList<PlannedSample> Samples,
    IReadOnlyList<PlanFailure> Failures,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> ConditionColumns,
    IReadOnlyList<MetadataRule> Rules);
