using System.Globalization;
using System.Text;

namespace CytoViability.Core.Fcs;

/// <summary>
/// Reads the HEADER, TEXT and supplemental TEXT of one data set into <see cref="FcsText"/>: the segment offsets the
/// HEADER gives and the keywords, with what had to be repaired on the way as warnings.
/// </summary>
internal sealed class FcsTextReader
{
    public const int HeaderLength = 58;

    /// <summary>
    /// Largest (supplemental) TEXT segment read; real ones are kilobytes. Parsed keywords cost about 20 bytes of
    /// memory per TEXT byte, so this also bounds what a hostile TEXT can cost (docs/DESIGN.md, memory).
    /// </summary>
    public const long MaxTextBytes = 16L << 20;

    private readonly FcsByteSource _bytes;
    private readonly string _source;
    private readonly long _start;
    private readonly List<string> _warnings;
    private readonly List<KeyValuePair<string, string>> _pairs = [];
    private readonly List<long> _pairOffsets = [];
    private long _textBegin;
    private long _textEnd;

    private FcsTextReader(FcsByteSource bytes, string source, long start, List<string> warnings)
    {
        _bytes = bytes;
        _source = source;
        _start = start;
        _warnings = warnings;
    }

    /// <summary>Reads the data set's HEADER at <paramref name="start"/> and its TEXT; repairs are added to <paramref name="warnings"/>.</summary>
    public static FcsText Read(FcsByteSource bytes, string source, long start, List<string> warnings)
    {
        var reader = new FcsTextReader(bytes, source, start, warnings);
        var (version, offsets) = reader.ReadHeader();
        reader.ReadText(offsets);
        reader.ReadSupplementalText();
        var text = new FcsText(source, start, version, reader._textBegin, reader._textEnd, offsets.DataBegin, offsets.DataEnd, reader._pairs, reader._pairOffsets);
        reader.WarnRepeatedKeywords();
        return text;
    }

    private (string Version, (long TextBegin, long TextEnd, long DataBegin, long DataEnd) Offsets) ReadHeader()
    {
        var available = _bytes.Length - _start;
        if (available < HeaderLength)
        {
            throw Fail("HEADER", _start, available <= 0
                ? "the file ends where a data set should begin"
                : $"only {available} bytes where an FCS HEADER needs {HeaderLength}; the file is truncated or not FCS");
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        _bytes.Read(_start, header);
        if (!(header[0] == 'F' && header[1] == 'C' && header[2] == 'S' && char.IsAsciiDigit((char)header[3]) &&
              header[4] == '.' && char.IsAsciiDigit((char)header[5])))
        {
            throw Fail("HEADER", _start, $"does not start with 'FCS<version>' but with '{Printable(header[..Math.Min(16, header.Length)])}'{DescribeNonFcs(header)}");
        }

        var version = Encoding.ASCII.GetString(header.Slice(3, 3));
        if (version is not ("2.0" or "3.0" or "3.1" or "3.2"))
        {
            _warnings.Add($"FCS version {version} is not one this reader knows; read as FCS 3.1.");
        }

        Span<long> fields = stackalloc long[6];
        for (var k = 0; k < 6; k++)
        {
            var field = header.Slice(10 + (8 * k), 8).Trim((byte)' ');
            if (field.IsEmpty)
            {
                fields[k] = 0;
                continue;
            }

            if (!long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out fields[k]))
            {
                throw Fail("HEADER", _start + 10 + (8 * k), $"offset field {k + 1} is '{Printable(field)}', not a number");
            }
        }

        return (version, (fields[0], fields[1], fields[2], fields[3]));
    }

    private void ReadText((long TextBegin, long TextEnd, long DataBegin, long DataEnd) offsets)
    {
        if (offsets.TextBegin < HeaderLength || offsets.TextEnd <= offsets.TextBegin)
        {
            throw Fail("HEADER", _start + 10, $"TEXT offsets {offsets.TextBegin}–{offsets.TextEnd} do not describe a TEXT segment after the HEADER");
        }

        _textBegin = _start + offsets.TextBegin;
        _textEnd = _start + offsets.TextEnd;
        if (_textEnd >= _bytes.Length)
        {
            throw Fail("TEXT", _textBegin, $"TEXT should end at byte {_textEnd} but the file has only {_bytes.Length} bytes; the file is truncated");
        }

        if (_textEnd - _textBegin + 1 > MaxTextBytes)
        {
            throw Fail("TEXT", _textBegin, $"TEXT offsets {offsets.TextBegin}–{offsets.TextEnd} describe a {_textEnd - _textBegin + 1}-byte TEXT segment; more than {MaxTextBytes} bytes is not a real TEXT segment");
        }

        var text = _bytes.ReadArray(_textBegin, (int)(_textEnd - _textBegin + 1));
        var delimiter = text[0];
        if (text.AsSpan(1).IndexOf(delimiter) < 0)
        {
            throw Fail("TEXT", _textBegin, $"no delimiters: the first byte (0x{delimiter:X2}) never occurs again in the {text.Length}-byte TEXT segment");
        }

        FcsTextSegment.Parse(text, delimiter, 1, _textBegin, _pairs, _pairOffsets, _warnings, "TEXT");
        if (_pairs.Count == 0)
        {
            throw Fail("TEXT", _textBegin, "the TEXT segment holds no keywords");
        }
    }

    private void ReadSupplementalText()
    {
        var primary = new FcsKeywords(_pairs);
        var begin = FcsText.ParseOffset(primary, "$BEGINSTEXT", _warnings);
        var end = FcsText.ParseOffset(primary, "$ENDSTEXT", _warnings);
        if (begin is not > 0 || end is not > 0)
        {
            return;
        }

        var absoluteBegin = _start + begin.Value;
        var absoluteEnd = _start + end.Value;
        if (absoluteBegin == _textBegin && absoluteEnd == _textEnd)
        {
            return;
        }

        if (absoluteEnd < absoluteBegin || absoluteEnd >= _bytes.Length || absoluteEnd - absoluteBegin + 1 > MaxTextBytes || FcsText.Overlaps(absoluteBegin, absoluteEnd, _textBegin, _textEnd))
        {
            _warnings.Add($"supplemental TEXT offsets {begin}–{end} do not describe a readable segment; ignored.");
            return;
        }

        var segment = _bytes.ReadArray(absoluteBegin, (int)(absoluteEnd - absoluteBegin + 1));
        var delimiter = _bytes.ReadArray(_textBegin, 1)[0];
        if (segment[0] != delimiter || ContainsBinary(segment, delimiter))
        {
            _warnings.Add($"supplemental TEXT (bytes {absoluteBegin}–{absoluteEnd}) does not start with the TEXT delimiter or holds binary bytes; ignored.");
            return;
        }

        var first = 1;
        var before = _pairs.Count;
        FcsTextSegment.Parse(segment, delimiter, first, absoluteBegin, _pairs, _pairOffsets, _warnings, "supplemental TEXT");
        if (_pairs.Count > before)
        {
            _warnings.Add($"read {_pairs.Count - before} keyword(s) from supplemental TEXT (bytes {absoluteBegin}–{absoluteEnd}).");
        }
    }

    private void WarnRepeatedKeywords()
    {
        var seen = new HashSet<string>(_pairs.Count, StringComparer.OrdinalIgnoreCase);
        var repeated = new List<string>();
        foreach (var pair in _pairs)
        {
            if (!seen.Add(pair.Key) && !repeated.Contains(pair.Key, StringComparer.OrdinalIgnoreCase))
            {
                repeated.Add(pair.Key);
            }
        }

        if (repeated.Count > 0)
        {
            _warnings.Add($"keyword(s) repeated in TEXT: {string.Join(", ", repeated)}; look-ups return the first value.");
        }
    }

    private static bool ContainsBinary(ReadOnlySpan<byte> segment, byte delimiter)
    {
        foreach (var b in segment)
        {
            if (b < 0x09 && b != delimiter)
            {
                return true;
            }
        }

        return false;
    }

    private FcsFormatException Fail(string segment, long offset, string problem) => new(_source, segment, offset, problem);

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return builder.ToString();
    }

    private static string DescribeNonFcs(ReadOnlySpan<byte> header)
    {
        var start = header.TrimStart(" \t\r\n\uFEFF"u8);
        if (start.Length > 0 && start[0] == '<')
        {
            return " (HTML or XML saved as .fcs, not an FCS file)";
        }

        return header.IndexOfAnyExceptInRange((byte)0x09, (byte)0x7E) >= 0 ? " (binary data, not an FCS file)" : " (not an FCS file)";
    }
}
