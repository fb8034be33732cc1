using System.Globalization;
using System.Text;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// A test-side model of one FCS data set (version, delimiter, keywords, DATA bytes) that the fuzzer can edit and
/// lay out again with consistent HEADER offsets and $BEGINDATA/$ENDDATA. Parsing and layout are written here,
/// independently of the reader under test, so a mutant is built from the file's bytes and not from our reader.
/// Keyword text is Latin-1, which maps every byte to one char and back.
/// </summary>
internal sealed class FcsSeed
{
    public string Version { get; set; } = "3.1";

    public byte Delimiter { get; set; } = (byte)'|';

    public List<KeyValuePair<string, string>> Keywords { get; private set; } = [];

    public byte[] Data { get; set; } = [];

    public byte[] Analysis { get; set; } = [];

    /// <summary>58 (right after the HEADER) or 256 (FACSDiva).</summary>
    public int TextStart { get; set; } = 58;

    /// <summary>Writes 0 for the DATA offsets in the HEADER, as files over 99,999,999 bytes must.</summary>
    public bool HeaderDataZero { get; set; }

    /// <summary>Added to the DATA end offset: +1 is the common "one past the end" instrument bug.</summary>
    public int DataEndSlack { get; set; }

    /// <summary>Bytes after the last segment (FACSDiva's 8-byte CRC placeholder).</summary>
    public byte[] Trailer { get; set; } = [];

    public FcsSeed Clone() => new()
    {
        Version = Version,
        Delimiter = Delimiter,
        Keywords = [.. Keywords],
        Data = Data,
        Analysis = Analysis,
        TextStart = TextStart,
        HeaderDataZero = HeaderDataZero,
        DataEndSlack = DataEndSlack,
        Trailer = Trailer,
    };

    public string? Get(string key)
    {
        var index = IndexOf(key);
        return index < 0 ? null : Keywords[index].Value;
    }

    public void Set(string key, string value)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            Keywords.Add(new(key, value));
        }
        else
        {
            Keywords[index] = new(Keywords[index].Key, value);
        }
    }

    public int IndexOf(string key) => Keywords.FindIndex(pair => string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The file bytes: HEADER with offsets that agree with the layout, TEXT, DATA, ANALYSIS, trailer.</summary>
    public byte[] ToBytes()
    {
        var hasBegin = IndexOf("$BEGINDATA") >= 0;
        var hasEnd = IndexOf("$ENDDATA") >= 0;
        byte[] text = BuildText();
        long dataStart = 0;
        long dataEnd = 0;
        for (var pass = 0; pass < 6; pass++)
        {
            dataStart = TextStart + text.Length;
            dataEnd = Data.Length == 0 ? 0 : dataStart + Data.Length - 1 + DataEndSlack;
            if (Data.Length == 0)
            {
                dataStart = 0;
            }

            var changed = false;
            if (hasBegin && Get("$BEGINDATA") != dataStart.ToString(CultureInfo.InvariantCulture))
            {
                Set("$BEGINDATA", dataStart.ToString(CultureInfo.InvariantCulture));
                changed = true;
            }

            if (hasEnd && Get("$ENDDATA") != dataEnd.ToString(CultureInfo.InvariantCulture))
            {
                Set("$ENDDATA", dataEnd.ToString(CultureInfo.InvariantCulture));
                changed = true;
            }

            if (!changed)
            {
                break;
            }

            text = BuildText();
        }

        var textEnd = TextStart + text.Length - 1;
        var analysisStart = Analysis.Length == 0 ? 0 : TextStart + text.Length + Data.Length;
        var analysisEnd = Analysis.Length == 0 ? 0 : analysisStart + Analysis.Length - 1;
        var file = new byte[TextStart + text.Length + Data.Length + Analysis.Length + Trailer.Length];
        file.AsSpan(0, TextStart).Fill((byte)' ');
        var header = new StringBuilder();
        header.Append("FCS").Append(Version.PadRight(3)[..3]).Append("    ");
        AppendOffset(header, TextStart);
        AppendOffset(header, textEnd);
        AppendOffset(header, HeaderDataZero ? 0 : dataStart);
        AppendOffset(header, HeaderDataZero ? 0 : dataEnd);
        AppendOffset(header, analysisStart);
        AppendOffset(header, analysisEnd);
        Encoding.Latin1.GetBytes(header.ToString()).CopyTo(file, 0);
        text.CopyTo(file, TextStart);
        Data.CopyTo(file, TextStart + text.Length);
        Analysis.CopyTo(file, TextStart + text.Length + Data.Length);
        Trailer.CopyTo(file, TextStart + text.Length + Data.Length + Analysis.Length);
        return file;
    }

    /// <summary>
    /// Reads the first data set of a file: HEADER offsets (or $BEGINDATA/$ENDDATA when they are 0), TEXT split
    /// on every delimiter (a doubled delimiter is an empty value, as CellQuest writes it). Null when the file
    /// is not laid out well enough to take apart.
    /// </summary>
    public static FcsSeed? Parse(byte[] file)
    {
        if (file.Length < 58)
        {
            return null;
        }

        var offsets = new long[6];
        for (var i = 0; i < 6; i++)
        {
            var field = Encoding.Latin1.GetString(file, 10 + (8 * i), 8).Trim();
            if (!long.TryParse(field.Length == 0 ? "0" : field, NumberStyles.None, CultureInfo.InvariantCulture, out offsets[i]))
            {
                return null;
            }
        }

        var (textStart, textEnd) = (offsets[0], offsets[1]);
        if (textStart < 58 || textEnd <= textStart || textEnd >= file.Length)
        {
            return null;
        }

        var text = file.AsSpan((int)textStart, (int)(textEnd - textStart + 1));
        var delimiter = text[0];
        var tokens = new List<string>();
        var from = 1;
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == delimiter)
            {
                tokens.Add(Encoding.Latin1.GetString(text[from..i]));
                from = i + 1;
            }
        }

        if (from < text.Length)
        {
            tokens.Add(Encoding.Latin1.GetString(text[from..]));
        }

        var seed = new FcsSeed
        {
            Version = Encoding.Latin1.GetString(file, 3, 3),
            Delimiter = delimiter,
            TextStart = (int)textStart,
        };
        for (var i = 0; i + 1 < tokens.Count; i += 2)
        {
            seed.Keywords.Add(new(tokens[i], tokens[i + 1]));
        }

        var (dataStart, dataEnd) = (offsets[2], offsets[3]);
        if (dataStart == 0 && dataEnd == 0)
        {
            if (!long.TryParse(seed.Get("$BEGINDATA")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out dataStart)
                || !long.TryParse(seed.Get("$ENDDATA")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out dataEnd))
            {
                return null;
            }
        }

        dataEnd = Math.Min(dataEnd, file.Length - 1);
        if (dataStart <= textEnd || dataEnd < dataStart)
        {
            return null;
        }

        seed.Data = file.AsSpan((int)dataStart, (int)(dataEnd - dataStart + 1)).ToArray();
        if (seed.IndexOf("$NEXTDATA") >= 0)
        {
            seed.Set("$NEXTDATA", "0");
        }

        return seed;
    }

    /// <summary>Keeps at most <paramref name="maximumEvents"/> events (binary list-mode data only), so mutants stay small.</summary>
    public bool Shrink(int maximumEvents)
    {
        if (!int.TryParse(Get("$PAR")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parameters)
            || !long.TryParse(Get("$TOT")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var events)
            || Get("$DATATYPE")?.Trim().ToUpperInvariant() is not ("I" or "F" or "D")
            || parameters is < 1 or > 1000)
        {
            return false;
        }

        long bitsPerEvent = 0;
        for (var n = 1; n <= parameters; n++)
        {
            if (!int.TryParse(Get("$P" + n.ToString(CultureInfo.InvariantCulture) + "B")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
            {
                return false;
            }

            bitsPerEvent += bits;
        }

        var kept = Math.Min(events, maximumEvents);
        var bytes = (int)Math.Min(Data.Length, ((kept * bitsPerEvent) + 7) / 8);
        Data = Data.AsSpan(0, bytes).ToArray();
        Set("$TOT", kept.ToString(CultureInfo.InvariantCulture));
        Analysis = [];
        return true;
    }

    private byte[] BuildText()
    {
        var delimiter = (char)Delimiter;
        var doubled = new string(delimiter, 2);
        var text = new StringBuilder();
        text.Append(delimiter);
        foreach (var (key, value) in Keywords)
        {
            text.Append(key.Replace(delimiter.ToString(), doubled, StringComparison.Ordinal)).Append(delimiter);
            text.Append(value.Replace(delimiter.ToString(), doubled, StringComparison.Ordinal)).Append(delimiter);
        }

        return Encoding.Latin1.GetBytes(text.ToString());
    }

    private static void AppendOffset(StringBuilder header, long offset)
        => header.Append((offset is < 0 or > 99_999_999 ? 0 : offset).ToString(CultureInfo.InvariantCulture).PadLeft(8));
}
