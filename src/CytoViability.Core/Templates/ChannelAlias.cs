using System.Text;

namespace CytoViability.Core.Templates;

/// <summary>
/// A template's name for a channel and where to look for it in a file: <see cref="Names"/> are tried as $PnN then
/// $PnS each (the plain form), <see cref="Markers"/> against $PnS and then <see cref="Detectors"/> against $PnN.
/// </summary>
internal sealed record ChannelAlias(
    string Alias,
    IReadOnlyList<string> Names,
    IReadOnlyList<string> Markers,
    IReadOnlyList<string> Detectors,
    TextPosition Position)
{
    /// <summary>Everything tried, in order, for messages ("tried marker PI, detector PE-A").</summary>
    public string Describe()
    {
        var parts = new List<string>();
        foreach (var name in Names)
        {
            parts.Add(name);
        }

        foreach (var marker in Markers)
        {
            parts.Add("marker " + marker);
        }

        foreach (var detector in Detectors)
        {
            parts.Add("detector " + detector);
        }

        return string.Join(", ", parts);
    }

    /// <summary>Letters, digits and `_ - + .` (the template's id alphabet), starting with a letter or digit.</summary>
    public static string SafeName(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '.';
            if (allowed)
            {
                safe.Append(c);
            }
            else if (safe.Length > 0 && safe[^1] != '_')
            {
                safe.Append('_');
            }
        }

        var text = safe.ToString().TrimEnd('_');
        if (text.Length == 0 || !char.IsAsciiLetterOrDigit(text[0]))
        {
            text = "p" + text;
        }

        return text;
    }
}
