using System.Globalization;

namespace CytoViability.Core.Fcs;

/// <summary>
/// Reads the acquisition spillover from $SPILLOVER (FCS 3.1), SPILL (FACSDiva) or SPILLOVER: n, n channel
/// names, then n×n values row by row. A European-locale PC writes 0,95 for 0.95 inside this comma-separated
/// list; when every value was split that way (2·n² numbers) the split is unambiguous and is repaired.
/// </summary>
internal static class FcsSpilloverKeyword
{
    private static readonly string[] Names = ["$SPILLOVER", "SPILL", "SPILLOVER", "$SPILL"];

    public static SpilloverMatrix? Parse(
        FcsKeywords keywords,
        Func<string, long> offsetOf,
        string source,
        List<string> warnings,
        out FcsFormatException? error)
    {
        error = null;
        foreach (var name in Names)
        {
            if (keywords.TryGetValue(name, out var text))
            {
                return ParseValue(name, text, offsetOf(name), source, warnings, out error);
            }
        }

        return null;
    }

    private static SpilloverMatrix? ParseValue(
        string keyword, string text, long offset, string source, List<string> warnings, out FcsFormatException? error)
    {
        error = null;
        var tokens = text.Split(',');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = tokens[i].Trim();
        }

        if (tokens.Length == 1 && tokens[0].Length == 0)
        {
            warnings.Add($"{keyword} is empty; no spillover matrix.");
            return null;
        }

        if (!int.TryParse(tokens[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 10_000)
        {
            error = Fail(source, offset, keyword, $"the first value '{tokens[0]}' is not a channel count");
            return null;
        }

        if (n == 0 || tokens.Length < 1 + n)
        {
            error = Fail(source, offset, keyword, $"it announces {n} channels but holds only {tokens.Length - 1} entries");
            return null;
        }

        var channels = tokens.AsSpan(1, n).ToArray();
        var valueTokens = tokens.AsSpan(1 + n);
        var size = n * n;
        var values = new double[size];
        if (valueTokens.Length == size)
        {
            for (var i = 0; i < size; i++)
            {
                if (!TryParseValue(valueTokens[i], out values[i]))
                {
                    error = Fail(source, offset, keyword, $"value {i + 1} ('{valueTokens[i]}') is not a number");
                    return null;
                }
            }

            return new SpilloverMatrix(channels, values);
        }

        if (valueTokens.Length == 2 * size)
        {
            for (var i = 0; i < size; i++)
            {
                var whole = valueTokens[2 * i];
                var fraction = valueTokens[(2 * i) + 1];
                if (!IsWholeNumber(whole) || !IsDigits(fraction) ||
                    !TryParseValue(string.Concat(whole, ".", fraction), out values[i]))
                {
                    error = Fail(source, offset, keyword,
                        $"{valueTokens.Length} values for {n}×{n} channels look like decimal commas, but '{whole},{fraction}' is not a number");
                    return null;
                }
            }

            warnings.Add($"{keyword} was written with decimal commas ({valueTokens.Length} numbers for a {n}×{n} matrix); read each pair 'a,b' as a.b.");
            return new SpilloverMatrix(channels, values);
        }

        error = Fail(source, offset, keyword,
            $"{n} channels need {size} values but {valueTokens.Length} were found; if some values were written with a decimal comma the split is ambiguous, so the matrix is not guessed");
        return null;
    }

    private static bool TryParseValue(string token, out double value) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool IsWholeNumber(string token)
    {
        var digits = token.StartsWith('-') || token.StartsWith('+') ? token.AsSpan(1) : token.AsSpan();
        return IsDigits(digits);
    }

    private static bool IsDigits(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty)
        {
            return false;
        }

        foreach (var ch in token)
        {
            if (ch is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static FcsFormatException Fail(string source, long offset, string keyword, string problem) =>
        new(source, "TEXT", offset, $"spillover keyword {keyword} cannot be read: {problem}.");
}
