using CytoViability.Core.Fcs;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// Resolves a template's channel aliases in one file (docs/templates.md §1.3): plain names as $PnN then $PnS,
/// markers against $PnS before detectors against $PnN; case-insensitive, trimmed; first match wins.
/// Only aliases the template uses (gates, ratios, MFI, fold) must resolve.
/// </summary>
internal static class ChannelResolver
{
    public static ChannelResolution Resolve(GatingTemplate template, IReadOnlyList<string> usedAliases, FcsDataset dataset)
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var unresolved = new List<(string, string)>();
        foreach (var alias in template.Channels)
        {
            if (!usedAliases.Contains(alias.Alias))
            {
                continue;
            }

            var index = Find(alias, dataset.Parameters);
            if (index >= 0)
            {
                indexes[alias.Alias] = index;
            }
            else
            {
                unresolved.Add((alias.Alias, alias.Describe()));
            }
        }

        return new ChannelResolution(indexes, unresolved);
    }

    internal static int Find(ChannelAlias alias, IReadOnlyList<FcsParameter> parameters)
    {
        foreach (var name in alias.Names)
        {
            var byName = IndexOf(parameters, name, byStain: false);
            if (byName >= 0)
            {
                return byName;
            }

            var byStain = IndexOf(parameters, name, byStain: true);
            if (byStain >= 0)
            {
                return byStain;
            }
        }

        foreach (var marker in alias.Markers)
        {
            var index = IndexOf(parameters, marker, byStain: true);
            if (index >= 0)
            {
                return index;
            }
        }

        foreach (var detector in alias.Detectors)
        {
            var index = IndexOf(parameters, detector, byStain: false);
            if (index >= 0)
            {
                return index;
            }
        }

        return -1;
    }

    private static int IndexOf(IReadOnlyList<FcsParameter> parameters, string wanted, bool byStain)
    {
        var target = wanted.AsSpan().Trim();
        for (var i = 0; i < parameters.Count; i++)
        {
            var value = byStain ? parameters[i].Stain : parameters[i].Name;
            if (value is not null && value.AsSpan().Trim().Equals(target, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

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
