namespace CytoViability.Core.Experiments;

/// <summary>
/// Who and what a file is: its sample name, donor (biological replicate), technical replicate, and the values of
/// the plan's <see cref="ExperimentPlan.Columns"/> (same order; empty text when unknown).
/// </summary>
internal sealed record SampleMetadata(string Sample, string File, string Donor, string Replicate, IReadOnlyList<string> Values);
