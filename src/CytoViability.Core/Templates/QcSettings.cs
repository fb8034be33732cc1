namespace CytoViability.Core.Templates;

/// <summary>The template's `qc` section with the defaults of docs/templates.md for whatever it leaves out.</summary>
internal sealed record QcSettings(
    IReadOnlyList<KeyValuePair<string, int>> MinimumEvents,
    double SaturationPercent,
    double MinimumPercent,
    double ReplicateDifference,
    double ControlDeadPercent)
{
    public const int DefaultMinimumEventsOfAll = 1000;

    public static QcSettings Defaults { get; } = new([new("all", DefaultMinimumEventsOfAll)], 5, 5, 10, 80);
}
