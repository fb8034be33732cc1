using System.Globalization;

namespace CytoViability.Core.Templates;

/// <summary>
/// Typed reads of <see cref="YamlNode"/>s that record a problem (with the node's line and column) instead of
/// throwing, and return null so the caller can go on and find the next problem too.
/// </summary>
internal sealed class YamlReadContext
{
    public YamlReadContext(string file, List<ConfigurationProblem> problems)
    {
        File = file;
        Problems = problems;
    }

    public string File { get; }

    public List<ConfigurationProblem> Problems { get; }

    public void Error(TextPosition position, string message) => Problems.Add(new(File, position, message));

    public YamlMapping? Mapping(YamlNode node, string what)
    {
        if (node is YamlMapping mapping)
        {
            return mapping;
        }

        Error(node.Position, what + " must be a map (key: value lines), not " + node.Kind);
        return null;
    }

    public YamlSequence? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequence sequence)
        {
            return sequence;
        }

        Error(node.Position, what + " must be a list, not " + node.Kind);
        return null;
    }

    /// <summary>Reports every key that is not one of <paramref name="known"/>.</summary>
    public void CheckKeys(YamlMapping mapping, string what, params string[] known)
    {
        foreach (var entry in mapping.Entries)
        {
            if (Array.IndexOf(known, entry.Key.Value) < 0)
            {
                Error(entry.Key.Position, "unknown key '" + entry.Key.Value + "' in " + what + " (known: " + string.Join(", ", known) + ")");
            }
        }
    }

    public YamlNode? Required(YamlMapping mapping, string key, string what)
    {
        var node = mapping[key];
        if (node is null)
        {
            Error(mapping.Position, what + " needs '" + key + "'");
        }

        return node;
    }

    public string? Text(YamlNode node, string what)
    {
        if (node is not YamlScalar scalar)
        {
            Error(node.Position, what + " must be a single value, not " + node.Kind);
            return null;
        }

        if (scalar.IsNull)
        {
            Error(node.Position, what + " is empty");
            return null;
        }

        return scalar.Value;
    }

    /// <summary>A finite decimal number; `.inf`, `.nan`, thousands separators and overflowing values are refused.</summary>
    public double? Number(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            Error(node.Position, what + " must be a number, not '" + Shorten(text) + "'");
            return null;
        }

        if (!double.IsFinite(value))
        {
            Error(node.Position, what + " is too large ('" + Shorten(text) + "')");
            return null;
        }

        return value;
    }

    public int? Integer(YamlNode node, string what, int minimum, int maximum)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(node.Position, what + " must be a whole number, not '" + Shorten(text) + "'");
            return null;
        }

        if (value < minimum || value > maximum)
        {
            Error(node.Position, what + " must be between " + minimum + " and " + maximum + ", not " + Shorten(text));
            return null;
        }

        return (int)value;
    }

    /// <summary>One value or a list of values.</summary>
    public List<(string Value, TextPosition Position)>? TextList(YamlNode node, string what)
    {
        var result = new List<(string, TextPosition)>();
        if (node is YamlScalar)
        {
            var single = Text(node, what);
            if (single is null)
            {
                return null;
            }

            result.Add((single, node.Position));
            return result;
        }

        if (node is not YamlSequence sequence)
        {
            Error(node.Position, what + " must be a value or a list of values, not " + node.Kind);
            return null;
        }

        var ok = true;
        foreach (var item in sequence.Items)
        {
            var text = Text(item, what);
            if (text is null)
            {
                ok = false;
                continue;
            }

            result.Add((text, item.Position));
        }

        if (ok && result.Count == 0)
        {
            Error(node.Position, what + " is an empty list");
            return null;
        }

        return ok ? result : null;
    }

    /// <summary>A list of exactly <paramref name="count"/> numbers (count 0: any length ≥ 1).</summary>
    public double[]? NumberList(YamlNode node, string what, int count)
    {
        var sequence = Sequence(node, what);
        if (sequence is null)
        {
            return null;
        }

        if (count > 0 && sequence.Items.Count != count)
        {
            Error(node.Position, what + " must hold " + count + " numbers, not " + sequence.Items.Count);
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            Error(node.Position, what + " is an empty list");
            return null;
        }

        var values = new double[sequence.Items.Count];
        var ok = true;
        for (var i = 0; i < values.Length; i++)
        {
            var value = Number(sequence.Items[i], what);
            ok &= value.HasValue;
            values[i] = value ?? 0;
        }

        return ok ? values : null;
    }

    /// <summary>Names of populations, aliases, columns: letters, digits and _ - + . starting with a letter or digit.</summary>
    public string? Identifier(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!IsIdentifier(text))
        {
            Error(node.Position, what + " '" + Shorten(text) + "' may only hold letters, digits and _ - + . and must start with a letter or digit");
            return null;
        }

        return text;
    }

    public static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || text.Length > 128 || !char.IsAsciiLetterOrDigit(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-' and not '+' and not '.')
            {
                return false;
            }
        }

        return true;
    }

    public static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
