using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace CytoViability.Core.Fcs;

/// <summary>
/// Splits a TEXT (or supplemental TEXT) segment into keyword/value pairs, scanning bytes left to right.
/// A delimiter always ends a keyword (keywords never contain it), so CellQuest's empty values
/// (<c>\$P3S\\$P4S\</c>) read as empty; inside a value a doubled delimiter is a literal delimiter, as the
/// standard says.
/// </summary>
internal static class FcsTextSegment
{
    public static void Parse(
        ReadOnlySpan<byte> segment,
        byte delimiter,
        int start,
        long fileOffset,
        List<KeyValuePair<string, string>> pairs,
        List<long> pairOffsets,
        List<string> warnings,
        string segmentName)
    {
        var encoding = Utf8.IsValid(segment) ? Encoding.UTF8 : Encoding.Latin1;

        // About one pair per two delimiters: sized once instead of grown pair by pair (a FACSDiva TEXT has ~400).
        var expected = pairs.Count + (segment[Math.Min(start, segment.Length)..].Count(delimiter) / 2);
        pairs.EnsureCapacity(expected);
        pairOffsets.EnsureCapacity(expected);
        List<byte>? escaped = null;
        var position = start;
        var emptyValues = 0;
        while (position < segment.Length)
        {
            var keyStart = position;
            var keyEnd = segment[keyStart..].IndexOf(delimiter);
            if (keyEnd < 0)
            {
                var rest = segment[keyStart..];
                if (!IsBlank(rest))
                {
                    warnings.Add($"{segmentName} ends with '{Shorten(encoding.GetString(rest))}' that has no value; ignored.");
                }

                break;
            }

            keyEnd += keyStart;
            if (keyEnd == keyStart)
            {
                position = keyEnd + 1;
                continue;
            }

            var key = encoding.GetString(segment[keyStart..keyEnd]);
            position = keyEnd + 1;

            // The value runs to the next single delimiter; a doubled one is a literal delimiter. Most values have
            // none and are decoded straight from the segment; the others are unescaped into a reused buffer.
            var valueStart = position;
            var terminated = false;
            escaped?.Clear();
            while (position < segment.Length)
            {
                var next = segment[position..].IndexOf(delimiter);
                if (next < 0)
                {
                    position = segment.Length;
                    break;
                }

                position += next;
                if (position + 1 < segment.Length && segment[position + 1] == delimiter)
                {
                    escaped ??= new List<byte>(64);
                    escaped.AddRange(segment[valueStart..(position + 1)]);
                    position += 2;
                    valueStart = position;
                    continue;
                }

                terminated = true;
                break;
            }

            var tail = segment[valueStart..position];
            if (terminated)
            {
                position++;
            }

            if (!terminated && position >= segment.Length && segment[^1] != delimiter)
            {
                warnings.Add($"{segmentName} has no final delimiter after the value of '{key}'; read to the end of the segment.");
            }

            // An escape always leaves its literal delimiter in the buffer, so a value had one exactly when it is not empty.
            ReadOnlySpan<byte> bytes = tail;
            if (escaped is { Count: > 0 })
            {
                escaped.AddRange(tail);
                bytes = CollectionsMarshal.AsSpan(escaped);
            }

            if (bytes.Length == 0)
            {
                emptyValues++;
            }

            pairs.Add(new KeyValuePair<string, string>(key, encoding.GetString(bytes)));
            pairOffsets.Add(fileOffset + keyStart);
        }

        if (emptyValues > 0)
        {
            warnings.Add($"{segmentName} has {emptyValues} keyword(s) with an empty value (two delimiters in a row, as CellQuest writes); read as empty.");
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or 0 or (byte)'\r' or (byte)'\n' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
