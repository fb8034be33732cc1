namespace CytoViability.Core.Templates;

/// <summary>
/// The control of a <see cref="PlacementMethod.Control"/> position: the samples matching <see cref="Where"/>
/// (e.g. antibody = none), the same donor's or the whole run's, summarised by a percentile or mean + k·SD.
/// </summary>
internal sealed record ControlSelection(IReadOnlyList<ConditionValue> Where, bool SameDonor, ControlSummary Summary, double Value);

internal enum ControlSummary
{
    Percentile,
    MeanPlusSd,
}
