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
        byte[] text = [];

        // The keywords do not change between passes, only the data offsets: a file of a million keywords or a
        // 16 MiB value is written out once.
        var keywordText = KeywordText();
        for (var pass = 0; pass < 4; pass++)
        {
            text = Encoding.Latin1.GetBytes(BuildText(data, keywordText));
            var begin = textStart + text.Length;
            var settled = (Begin: (long)begin, End: (long)begin + Data.Length - 1);
            if (settled == data)
            {
                break;
            }

            data = settled;
        }

        var headerData = ZeroDataOffsetsInHeader ? (0L, 0L) : HeaderDataOffsets?.Invoke(data) ?? data;
        var header = new StringBuilder();
        header.Append("FCS").Append(Version).Append("    ");
        foreach (var value in new[] { textStart, textStart + text.Length - 1, headerData.Item1, headerData.Item2, 0, 0 })
        {
            header.Append(value.ToString(CultureInfo.InvariantCulture).PadLeft(8, ZeroPaddedHeader ? '0' : ' '));
        }

        return [.. Encoding.ASCII.GetBytes(header.ToString()), .. text, .. Data, .. Trailer];
    }

    private string BuildText((long Begin, long End) data, string keywordText)
    {
        var d = Delimiter;
        if (RawText is not null)
        {
            return d + RawText;
        }

        var builder = new StringBuilder(keywordText.Length + 64).Append(d);
        if (DataOffsetsInText)
        {
            var inText = TextDataOffsets?.Invoke(data) ?? data;
            builder.Append("$BEGINDATA").Append(d).Append(inText.Begin.ToString(CultureInfo.InvariantCulture).PadRight(12)).Append(d);
            builder.Append("$ENDDATA").Append(d).Append(inText.End.ToString(CultureInfo.InvariantCulture).PadRight(12)).Append(d);
        }

        return builder.Append(keywordText).ToString();
    }

    /// <summary><see cref="Keywords"/> as TEXT writes them after the data offsets: key, delimiter, value, delimiter.</summary>
    private string KeywordText()
    {
        var d = Delimiter;
        var builder = new StringBuilder();
        foreach (var (key, value) in Keywords)
        {
            builder.Append(key).Append(d).Append(value).Append(d);
        }

        return builder.ToString();
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
