using CytoViability.Core.Fcs;

namespace CytoViability.Core.Templates;

/// <summary>
/// Resolves a template's channel aliases in one file (docs/templates.md §1.3): plain names as $PnN then $PnS,
/// markers against $PnS before detectors against $PnN; case-insensitive, trimmed; first match wins. A detector taken
/// because no parameter carries one of the alias's markers is a fallback (a warn row in a run), and one that carries
/// another marker's label leaves the alias unresolved. Only aliases the template uses (gates, ratios, MFI, fold) must resolve.
/// </summary>
internal static class ChannelResolver
{
    public static ChannelResolution Resolve(GatingTemplate template, IReadOnlyList<string> usedAliases, FcsDataSet dataSet)
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var resolved = new List<ResolvedChannel>();
        var unresolved = new List<(string, string)>();
        foreach (var alias in template.Channels)
        {
            if (!usedAliases.Contains(alias.Alias))
            {
                continue;
            }

            var (index, match) = Find(alias, dataSet.Parameters);
            if (index < 0)
            {
                unresolved.Add((alias.Alias, "tried " + alias.Describe()));
                continue;
            }

            // A detector chosen for want of a label must not carry another marker's label: PE-A labelled CD8 does
            // not hold PI, whatever the detector list says.
            if (match == ChannelMatch.DetectorFallback && dataSet.Parameters[index].Stain is { } label)
            {
                unresolved.Add((alias.Alias, "no parameter is labelled " + string.Join(" or ", alias.Markers) + ", and its detector " + dataSet.Parameters[index].Name
                    + " is labelled '" + label.Trim() + "' ($PnS), another marker"));
                continue;
            }

            indexes[alias.Alias] = index;
            resolved.Add(new ResolvedChannel(alias.Alias, index, match, dataSet.Parameters[index].Name));
        }

        return new ChannelResolution(indexes, resolved, unresolved);
    }

    internal static (int Index, ChannelMatch Match) Find(ChannelAlias alias, IReadOnlyList<FcsParameter> parameters)
    {
        foreach (var name in alias.Names)
        {
            var byName = IndexOf(parameters, name, byStain: false);
            if (byName >= 0)
            {
                return (byName, ChannelMatch.Name);
            }

            var byStain = IndexOf(parameters, name, byStain: true);
            if (byStain >= 0)
            {
                return (byStain, ChannelMatch.Label);
            }
        }

        foreach (var marker in alias.Markers)
        {
            var index = IndexOf(parameters, marker, byStain: true);
            if (index >= 0)
            {
                return (index, ChannelMatch.Marker);
            }
        }

        foreach (var detector in alias.Detectors)
        {
            var index = IndexOf(parameters, detector, byStain: false);
            if (index >= 0)
            {
                return (index, alias.Markers.Count > 0 ? ChannelMatch.DetectorFallback : ChannelMatch.Detector);
            }
        }

        return (-1, ChannelMatch.Name);
    }

    private static int IndexOf(IReadOnlyList<FcsParameter> parameters, string wanted, bool byStain)
        => ParameterLookup.IndexOf(parameters.Count, i => byStain ? parameters[i].Stain : parameters[i].Name, wanted);

    /// <summary>Aliases the template reads: gate channels, ratio operands of used ratios, MFI channels, the fold channel.</summary>
    public static IReadOnlyList<string> UsedAliases(GatingTemplate template)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gate in template.Gates)
        {
            used.UnionWith(gate.Channels);
        }

        foreach (var request in template.Statistics.Mfi)
        {
            used.UnionWith(request.Channels);
        }

        if (template.Assays.MfiFold is { } fold)
        {
            used.Add(fold.Channel);
        }

        foreach (var ratio in template.Ratios)
        {
            if (used.Contains(ratio.Name))
            {
                used.Add(ratio.Numerator);
                used.Add(ratio.Denominator);
            }
        }

        var ordered = new List<string>();
        foreach (var alias in template.Channels)
        {
            if (used.Contains(alias.Alias))
            {
                ordered.Add(alias.Alias);
            }
        }

        return ordered;
    }
}
