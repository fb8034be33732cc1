using CytoViability.Core.Output;

namespace CytoViability.Core.Qc;

/// <summary>
/// The QC rules of a run; defaults from notes/domain.md §6 and the lab's rules, every one replaceable by the
/// template. Purity: CD5+CD19+ below 90 % fails (project rule). Key population: fewer than 400 events warns
/// (counting CV ≈ 100/√n, so 400 events ≈ 5 %). Saturation: more than 10 % of events at $PnR − 1, or at the
/// lowest value, warns (PeacoQC warns at 10 % margin events). Replicates: wells of one donor and condition more
/// than 10 percentage points apart warn.
/// </summary>
public sealed record QcOptions
{
    public QcRule Purity { get; init; } = new(90, QcStatus.Fail);

    public QcRule MinimumEvents { get; init; } = new(400, QcStatus.Warn);

    public QcRule SaturationMaximumPercent { get; init; } = new(10, QcStatus.Warn);

    public QcRule SaturationMinimumPercent { get; init; } = new(10, QcStatus.Warn);

    public QcRule ReplicateSpread { get; init; } = new(10, QcStatus.Warn);
}
