namespace CytoViability.Core.Qc;

/// <summary>
/// The QC rules of a run. The defaults are those docs/templates.md documents for a template's `qc` section, and
/// the template replaces any of them. Purity: CD5+CD19+ below 90 % fails (project rule; the template's
/// `assays.purity.minimum`). Minimum events per population, <see cref="AllEvents"/> naming the whole file:
/// 1,000 events in a file, fewer fails. Saturation: more than 5 % of a channel's events at $PnR − 1, or piled
/// up at its lowest value, warns. Replicates: wells of one donor and condition more than 10 percentage points
/// apart warn (notes/domain.md §6.3). Non-finite events: more than 0.1 % of a file's events with NaN or ±∞ in a
/// channel the template reads warns (an instrument never records them; a few point at a broken export).
/// </summary>
internal sealed record QcOptions
{
    /// <summary>The population name of a minimum-events rule that applies to all events of a file.</summary>
    public const string AllEvents = "all";

    public QcRule Purity { get; init; } = new(90, QcStatus.Fail);

    /// <summary>Fewest events per population name (case-insensitive); populations without a rule are not checked.</summary>
    public IReadOnlyList<KeyValuePair<string, QcRule>> MinimumEvents { get; init; } =
        [new(AllEvents, new QcRule(1000, QcStatus.Fail))];

    public QcRule SaturationMaximumPercent { get; init; } = new(5, QcStatus.Warn);

    public QcRule SaturationMinimumPercent { get; init; } = new(5, QcStatus.Warn);

    public QcRule ReplicateSpread { get; init; } = new(10, QcStatus.Warn);

    public QcRule NonFiniteEventsPercent { get; init; } = new(0.1, QcStatus.Warn);
}
