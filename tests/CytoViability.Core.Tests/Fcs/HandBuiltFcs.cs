using System.Globalization;
using System.Text;

namespace CytoViability.Core.Tests.Fcs;

/// <summary>
/// Builds small FCS files byte by byte for reader tests, independent of <c>FcsWriter</c>: the test states the
/// keywords (already escaped), the DATA bytes and any deliberate defect in the offsets.
/// </summary>
internal sealed class HandBuiltFcs
{
    public string Version { get; init; } = "3.0";

    public char Delimiter { get; init; } = '/';

    public List<(string Key, string Value)> Keywords { get; init; } = [];

    public byte[] Data { get; init; } = [];

    /// <summary>Zero-padded HEADER offsets instead of space-padded ones.</summary>
    public bool ZeroPaddedHeader { get; init; }

    /// <summary>Write $BEGINDATA/$ENDDATA into TEXT.</summary>
    public bool DataOffsetsInText { get; init; } = true;

    /// <summary>Write 0 for the DATA offsets in the HEADER (files over 99,999,999 bytes).</summary>
    public bool ZeroDataOffsetsInHeader { get; init; }

    /// <summary>Change (begin, end) of DATA as written in the HEADER.</summary>
    public Func<(long Begin, long End), (long Begin, long End)>? HeaderDataOffsets { get; init; }

    /// <summary>Change (begin, end) of DATA as written in TEXT.</summary>
    public Func<(long Begin, long End), (long Begin, long End)>? TextDataOffsets { get; init; }

    /// <summary>Raw TEXT after the delimiter; replaces <see cref="Keywords"/> when set (no data offsets added).</summary>
    public string? RawText { get; init; }

    /// <summary>Bytes after DATA (a CRC placeholder, the next data set, ...).</summary>
    public byte[] Trailer { get; init; } = [];

    public byte[] Build()
    {
        const int textStart = 58;
        var data = (Begin: 0L, End: 0L);
        byte[] prefix = [];

        // Only the data offsets at the start of TEXT change between passes: the keywords after them (a million of
        // them, or a 16 MiB value) are encoded once, and the file is assembled once at its final size.
        var body = RawText is null ? KeywordBytes() : Encoding.Latin1.GetBytes(RawText);
        for (var pass = 0; pass < 4; pass++)
        {
            prefix = Encoding.Latin1.GetBytes(TextPrefix(data));
            var begin = textStart + prefix.Length + body.Length;
            var settled = (Begin: (long)begin, End: (long)begin + Data.Length - 1);
            if (settled == data)
            {
                break;
            }

            data = settled;
        }

        var textLength = prefix.Length + body.Length;
        var headerData = ZeroDataOffsetsInHeader ? (0L, 0L) : HeaderDataOffsets?.Invoke(data) ?? data;
        var header = new StringBuilder();
        header.Append("FCS").Append(Version).Append("    ");
        foreach (var value in new[] { textStart, textStart + textLength - 1, headerData.Item1, headerData.Item2, 0, 0 })
        {
            header.Append(value.ToString(CultureInfo.InvariantCulture).PadLeft(8, ZeroPaddedHeader ? '0' : ' '));
        }

        // The HEADER is 58 bytes unless a test writes an offset of more than eight digits there.
        var headerBytes = Encoding.ASCII.GetBytes(header.ToString());
        var file = new byte[headerBytes.Length + textLength + Data.Length + Trailer.Length];
        var at = 0;
        foreach (var part in new[] { headerBytes, prefix, body, Data, Trailer })
        {
            part.CopyTo(file, at);
            at += part.Length;
        }

        return file;
    }

    /// <summary>TEXT up to its keywords: the delimiter, then (unless raw) $BEGINDATA and $ENDDATA.</summary>
    private string TextPrefix((long Begin, long End) data)
    {
        var d = Delimiter;
        if (RawText is not null || !DataOffsetsInText)
        {
            return d.ToString();
        }

        var inText = TextDataOffsets?.Invoke(data) ?? data;
        return new StringBuilder().Append(d)
            .Append("$BEGINDATA").Append(d).Append(inText.Begin.ToString(CultureInfo.InvariantCulture).PadRight(12)).Append(d)
            .Append("$ENDDATA").Append(d).Append(inText.End.ToString(CultureInfo.InvariantCulture).PadRight(12)).Append(d)
            .ToString();
    }

    /// <summary><see cref="Keywords"/> as TEXT writes them after the data offsets (key, delimiter, value, delimiter), in Latin-1.</summary>
    private byte[] KeywordBytes()
    {
        var latin1 = Encoding.Latin1;
        var delimiter = latin1.GetBytes([Delimiter]);
        var length = 0;
        foreach (var (key, value) in Keywords)
        {
            length += latin1.GetByteCount(key) + latin1.GetByteCount(value) + 2 * delimiter.Length;
        }

        var bytes = new byte[length];
        var at = 0;
        foreach (var (key, value) in Keywords)
        {
            at += latin1.GetBytes(key, bytes.AsSpan(at));
            delimiter.CopyTo(bytes, at);
            at += delimiter.Length;
            at += latin1.GetBytes(value, bytes.AsSpan(at));
            delimiter.CopyTo(bytes, at);
            at += delimiter.Length;
        }

        return bytes;
    }

    /// <summary>The usual list-mode keywords for <paramref name="parameters"/> of one width.</summary>
    public static List<(string, string)> ListMode(string dataType, string byteOrder, int events, params (string Name, int Bits, string Range)[] parameters)
    {
        var keywords = new List<(string, string)>
        {
            ("$BYTEORD", byteOrder), ("$DATATYPE", dataType), ("$MODE", "L"), ("$NEXTDATA", "0"),
            ("$PAR", parameters.Length.ToString(CultureInfo.InvariantCulture)), ("$TOT", events.ToString(CultureInfo.InvariantCulture)),
        };
        for (var i = 0; i < parameters.Length; i++)
        {
            var n = (i + 1).ToString(CultureInfo.InvariantCulture);
            keywords.Add(($"$P{n}N", parameters[i].Name));
            keywords.Add(($"$P{n}B", parameters[i].Bits == 0 ? "*" : parameters[i].Bits.ToString(CultureInfo.InvariantCulture)));
            keywords.Add(($"$P{n}R", parameters[i].Range));
            keywords.Add(($"$P{n}E", "0,0"));
        }

        return keywords;
    }
}
