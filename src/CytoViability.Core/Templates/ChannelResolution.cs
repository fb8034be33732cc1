namespace CytoViability.Core.Templates;

/// <summary>
/// Where each channel alias of a template sits in one file (0-based parameter index) and how it was found, and the
/// aliases that no parameter matched (or matched only a detector labelled with another marker), with why.
/// </summary>
internal sealed record ChannelResolution(
    IReadOnlyDictionary<string, int> Indexes,
    IReadOnlyList<ResolvedChannel> Resolved,
    IReadOnlyList<(string Alias, string Problem)> Unresolved)
{
    /// <summary>The aliases found only by detector although the template names markers for them.</summary>
    public IReadOnlyList<ResolvedChannel> ByDetectorFallback => [.. Resolved.Where(r => r.Match == ChannelMatch.DetectorFallback)];
}

/// <summary>How an alias was found in a file (docs/templates.md §1.3).</summary>
internal enum ChannelMatch
{
    /// <summary>A plain name equal to the $PnN.</summary>
    Name,

    /// <summary>A plain name equal to the $PnS label.</summary>
    Label,

    /// <summary>A `marker` equal to the $PnS label.</summary>
    Marker,

    /// <summary>A `detector` of an alias that names no markers: the template said where to look.</summary>
    Detector,

    /// <summary>A `detector` taken because no parameter carries any of the alias's markers (an unlabelled detector).</summary>
    DetectorFallback,
}

/// <summary>One alias's parameter in one file.</summary>
internal sealed record ResolvedChannel(string Alias, int Index, ChannelMatch Match, string Parameter)
{
    /// <summary>"PI → PE-A (by marker)"; a fallback says there was no label.</summary>
    public string Describe() => Alias + " → " + Parameter + Match switch
    {
        ChannelMatch.Name => " (by name)",
        ChannelMatch.Label => " (by $PnS label)",
        ChannelMatch.Marker => " (by marker)",
        ChannelMatch.Detector => " (by detector)",
        _ => " (by detector: no parameter carries its marker)",
    };
}
