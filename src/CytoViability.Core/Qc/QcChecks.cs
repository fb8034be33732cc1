namespace CytoViability.Core.Qc;

/// <summary>The check names written in the check column of qc.csv.</summary>
internal static class QcChecks
{
    public const string Purity = "purity";
    public const string MinimumEvents = "min_events";
    public const string SaturationMaximum = "saturation_max";
    public const string SaturationMinimum = "saturation_min";
    public const string UnreadableFile = "unreadable_file";
    public const string UnresolvedChannel = "unresolved_channel";
    public const string MissingMetadata = "missing_metadata";
    public const string ReplicateDisagreement = "replicate_disagreement";
    public const string ControlMissing = "control_missing";
    public const string ReferenceMissing = "reference_missing";
    public const string ControlDeathHigh = "control_death_high";
    public const string UnknownConditionColumn = "unknown_condition_column";
    public const string NonFiniteEvents = "nonfinite_events";
    public const string ChannelByDetector = "channel_by_detector";
}
