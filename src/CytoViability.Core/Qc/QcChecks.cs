namespace CytoViability.Core.Qc;

/// <summary>The check names written in the check column of qc.csv: every check of the run is named here.</summary>
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

    /// <summary>
    /// A file's compensation (no spillover, or a SPILL naming stains or parameter numbers, mapped: warn; a matrix
    /// channel the file lacks: fail).
    /// </summary>
    public const string Compensation = "compensation";

    /// <summary>
    /// What the FCS reader repaired or chose (DATA offsets that disagree, a decimal-comma SPILL, repeated
    /// keywords, ...): the file was gated, but someone should know how it was read.
    /// </summary>
    public const string FcsReader = "fcs_reader";

    /// <summary>A multi-data-set file ($NEXTDATA) gated on its first data set only (warn).</summary>
    public const string DataSets = "data_sets";

    /// <summary>A path that would lead outside the experiment folder (fail).</summary>
    public const string Containment = "containment";

    /// <summary>A computed coordinate fell back (one mode, no valley, too few events, outside 'allowed').</summary>
    public const string GatePlacement = "gate_placement";

    /// <summary>A sample's own estimate differs from its group's position by more than the threshold.</summary>
    public const string GateSpread = "gate_spread";

    /// <summary>Density at a boundary, as a fraction of the lower neighbouring mode's peak.</summary>
    public const string BoundaryDensity = "boundary_density";

    /// <summary>A population's median lies far from the run's median of that population.</summary>
    public const string PopulationMedian = "population_median";

    /// <summary>A file whose shard had not finished when <c>merge --partial</c> ran (fail).</summary>
    public const string ShardMissing = "shard_missing";
}
