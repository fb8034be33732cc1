namespace CytoViability.Core.Examples;

/// <summary>
/// A row of truth.csv. Level "file": a property of one FCS file (File set); "donor": of one donor under one
/// condition, replicate wells pooled (Donor set); "condition": the mean over donors.
/// </summary>
internal sealed record TruthRow(string Level, string File, string Donor, IReadOnlyList<string> ConditionValues, string Quantity, double Value);
