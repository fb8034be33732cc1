using CytoViability.Core.Templates;

namespace CytoViability.Reports.Results;

/// <summary>
/// What a metric of summary.csv measures, in the lab's words and from the template's own populations and channels
/// ("geometric MFI of CD40L (PE-A) on live"), and the unit its values carry.
/// </summary>
internal static class MetricText
{
    public static string Title(string metric, GatingTemplate? template)
    {
        var assays = template?.Assays;
        return metric switch
        {
            "viability" when assays?.Viability is { } v => "Viability: % " + v.Population + " of " + v.Of,
            "viability" => "Viability (% viable cells)",
            "purity" when assays?.Purity is { } p => "Purity: % " + p.Population + " of " + p.Of,
            "purity" => "Purity (%)",
            "percent_dead" when assays?.Killing is { } k => "Dead targets: % " + k.Dead + " of " + k.Of,
            "percent_dead" => "Dead targets (%)",
            "percent_killing" when assays?.Killing is { } k => "Killing of " + k.Of + " (" + Method(k.Method) + ", against " + Values(k.Control) + ")",
            "percent_killing" => "Killing (%)",
            "mfi" when assays?.MfiFold is { } m => "Geometric MFI of " + Channel(m.Channel, template!) + " on " + m.Population,
            "mfi" => "Geometric MFI",
            "log2_fold" when assays?.MfiFold is { } m => "log₂ fold change of the geometric MFI of " + Channel(m.Channel, template!) + " on " + m.Population + " against " + Values(m.Reference),
            "log2_fold" => "log₂ fold change of the geometric MFI",
            _ => metric,
        };
    }

    /// <summary>The value axis label: what one number is.</summary>
    public static string Unit(string metric) => metric switch
    {
        "viability" => "viable cells (%)",
        "purity" => "purity (%)",
        "percent_dead" => "dead targets (%)",
        "percent_killing" => "killing (%)",
        "mfi" => "geometric MFI",
        "log2_fold" => "log₂ fold MFI",
        _ => metric,
    };

    /// <summary>A channel as "marker (detector)", the way the lab labels an axis; the alias when neither is known.</summary>
    public static string Channel(string alias, GatingTemplate template)
    {
        foreach (var channel in template.Channels)
        {
            if (channel.Alias == alias)
            {
                var marker = channel.Markers.Count > 0 ? channel.Markers[0] : channel.Alias;
                var detector = channel.Detectors.Count > 0 ? channel.Detectors[0] : channel.Names.Count > 0 ? channel.Names[0] : null;
                return detector is null || detector == marker ? marker : marker + " (" + detector + ")";
            }
        }

        return alias;
    }

    private static string Method(Core.Templates.KillingMethod method) => method.ToString().ToLowerInvariant() + " killing";

    private static string Values(IReadOnlyList<ConditionValue> values)
        => values.Count == 0 ? "the control" : string.Join(", ", values.Select(value => value.Column + " " + value.Value));
}
