using System.Text.RegularExpressions;

namespace CytoViability.Reports.Plots;

/// <summary>
/// Renames the element ids of one SVG document to a counter in order of first appearance (<c>id0</c>, <c>id1</c>, …)
/// and rewrites every reference to them. Skia's SVG canvas numbers its clip paths from a count shared by everything
/// drawn in the process, so the same chart would otherwise get other ids on every run, and parallel drawing would
/// make them depend on which figure finished first; renumbered, a chart's SVG is the same bytes on every run.
/// </summary>
internal static partial class SvgIds
{
    public static string Renumber(string svg)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match definition in Definition().Matches(svg))
        {
            var id = definition.Groups["id"].Value;
            if (!names.ContainsKey(id))
            {
                names[id] = "id" + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (names.Count == 0)
        {
            return svg;
        }

        return Use().Replace(svg, use => names.TryGetValue(use.Groups["id"].Value, out var name)
            ? use.Groups["lead"].Value + name + use.Groups["end"].Value
            : use.Value);
    }

    [GeneratedRegex("\\sid=\"(?<id>[^\"]+)\"")]
    private static partial Regex Definition();

    /// <summary>An id where it is defined (id="…") or used (url(#…), href="#…").</summary>
    [GeneratedRegex("(?<lead>\\sid=\"|url\\(#|href=\"#)(?<id>[^\")]+)(?<end>[\")])")]
    private static partial Regex Use();
}
