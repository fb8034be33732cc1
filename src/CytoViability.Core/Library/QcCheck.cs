namespace CytoViability.Library;

/// <summary>One QC check of a sample (a qc.csv row).</summary>
/// <param name="Check">The check's name (docs/outputs.md lists them), e.g. <c>min_events_all</c>.</param>
/// <param name="Status"><c>pass</c>, <c>warn</c> or <c>fail</c>.</param>
/// <param name="Value">The measured value, when the check has one.</param>
/// <param name="Threshold">The threshold it was held against, when the check has one.</param>
/// <param name="Message">What was found, in words.</param>
public sealed record QcCheck(string Check, string Status, double? Value, double? Threshold, string Message);
