using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace CytoViability.Core.Fcs;

/// <summary>Writes one list-mode float32 data set as an FCS 3.1 (or FACSDiva-style 3.0) file.</summary>
internal static class FcsWriter
{
    private const int HeaderLength = 58;
    private const int FacsDivaTextStart = 256;
    private const int FacsDivaGap = 5;
    private const int PaddedNumberWidth = 20;
    private const string CrcPlaceholder = "00000000";
    private const long HeaderOffsetLimit = 99_999_999;
    private const int WritePieceBytes = 1 << 20;

    private static readonly HashSet<string> StructuralKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "$BEGINANALYSIS", "$ENDANALYSIS", "$BEGINSTEXT", "$ENDSTEXT", "$BEGINDATA", "$ENDDATA",
        "$BYTEORD", "$DATATYPE", "$MODE", "$NEXTDATA", "$PAR", "$TOT",
    };

    /// <summary>Writes the file to <paramref name="path"/> atomically (a temporary file renamed into place).</summary>
    public static void WriteFile(string path, FcsWriteDataSet dataSet, FcsWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(stream, dataSet, options);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public static void Write(Stream output, FcsWriteDataSet dataSet, FcsWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(dataSet);
        options ??= new FcsWriterOptions();
        var diva = options.FacsDivaLayout;
        var version = diva ? "3.0" : options.Version;
        if (version is not ("3.0" or "3.1"))
        {
            throw new ArgumentException($"FCS version '{version}' cannot be written; use 3.0 or 3.1.", nameof(options));
        }

        var bigEndian = diva || options.BigEndian;
        var delimiter = diva ? '\f' : options.Delimiter;
        if (delimiter is < (char)1 or > (char)126)
        {
            throw new ArgumentException("The TEXT delimiter must be an ASCII character between 1 and 126.", nameof(options));
        }

        var extra = CheckKeywords(dataSet, delimiter);
        long dataLength = (long)dataSet.EventCount * dataSet.Parameters.Count * 4;
        long textStart = diva ? FacsDivaTextStart : HeaderLength;
        var gap = diva ? FacsDivaGap : 0;

        // $BEGINDATA/$ENDDATA are inside TEXT, so TEXT's length depends on them; settle in a few passes.
        long dataStart = 0;
        byte[] text = [];
        for (var pass = 0; pass < 5; pass++)
        {
            var dataEnd = dataLength == 0 ? dataStart : dataStart + dataLength - 1;
            text = BuildText(dataSet, extra, delimiter, bigEndian, diva, dataStart, dataEnd);
            var settled = textStart + text.Length + gap;
            if (settled == dataStart)
            {
                break;
            }

            dataStart = settled;
        }

        var finalDataEnd = dataLength == 0 ? dataStart : dataStart + dataLength - 1;
        var header = dataLength == 0
            ? BuildHeader(version, textStart, textStart + text.Length - 1, 0, 0)
            : BuildHeader(version, textStart, textStart + text.Length - 1, dataStart, finalDataEnd);
        output.Write(header);
        for (var i = header.Length; i < textStart; i++)
        {
            output.WriteByte((byte)' ');
        }

        output.Write(text);
        for (var i = 0; i < gap; i++)
        {
            output.WriteByte((byte)' ');
        }

        WriteEvents(output, dataSet, bigEndian, dataStart);
        output.Write(Encoding.ASCII.GetBytes(CrcPlaceholder));
    }

    private static List<KeyValuePair<string, string>> CheckKeywords(FcsWriteDataSet dataSet, char delimiter)
    {
        var extra = new List<KeyValuePair<string, string>>(dataSet.Keywords.Count);
        foreach (var pair in dataSet.Keywords)
        {
            if (string.IsNullOrEmpty(pair.Key) || pair.Key.Contains(delimiter))
            {
                throw new ArgumentException($"Keyword '{pair.Key}' is empty or contains the TEXT delimiter.", nameof(dataSet));
            }

            if (StructuralKeywords.Contains(pair.Key) || IsParameterKeyword(pair.Key, dataSet.Parameters.Count))
            {
                throw new ArgumentException($"Keyword '{pair.Key}' is written by the writer itself from the data set; do not pass it.", nameof(dataSet));
            }

            ArgumentNullException.ThrowIfNull(pair.Value);
            extra.Add(pair);
        }

        foreach (var parameter in dataSet.Parameters)
        {
            if (string.IsNullOrEmpty(parameter.Name))
            {
                throw new ArgumentException("Every parameter needs a name ($PnN).", nameof(dataSet));
            }
        }

        return extra;
    }

    /// <summary>$PnN, $PnS, $PnR, $PnB, $PnE, $PnG, $PnV for n within the data set.</summary>
    private static bool IsParameterKeyword(string key, int parameterCount)
    {
        if (key.Length < 4 || key[0] != '$' || char.ToUpperInvariant(key[1]) != 'P' ||
            "NSRBEGV".IndexOf(char.ToUpperInvariant(key[^1])) < 0)
        {
            return false;
        }

        return int.TryParse(key.AsSpan(2, key.Length - 3), NumberStyles.None, CultureInfo.InvariantCulture, out var n) &&
               n >= 1 && n <= parameterCount;
    }

    private static byte[] BuildText(
        FcsWriteDataSet dataSet,
        List<KeyValuePair<string, string>> extra,
        char delimiter,
        bool bigEndian,
        bool diva,
        long dataStart,
        long dataEnd)
    {
        var builder = new StringBuilder(1024);
        builder.Append(delimiter);
        void Add(string key, string value)
        {
            builder.Append(key).Append(delimiter);
            builder.Append(value.Replace(delimiter.ToString(), new string(delimiter, 2), StringComparison.Ordinal)).Append(delimiter);
        }

        string Number(long value) =>
            diva ? value.ToString(CultureInfo.InvariantCulture).PadRight(PaddedNumberWidth) : value.ToString(CultureInfo.InvariantCulture);

        Add("$BEGINANALYSIS", "0");
        Add("$ENDANALYSIS", "0");
        Add("$BEGINSTEXT", "0");
        Add("$ENDSTEXT", "0");
        Add("$BEGINDATA", Number(dataStart));
        Add("$ENDDATA", Number(dataEnd));
        Add("$TOT", Number(dataSet.EventCount));
        Add("$PAR", dataSet.Parameters.Count.ToString(CultureInfo.InvariantCulture));
        Add("$MODE", "L");
        Add("$BYTEORD", bigEndian ? "4,3,2,1" : "1,2,3,4");
        Add("$DATATYPE", "F");
        Add("$NEXTDATA", "0");
        foreach (var pair in extra)
        {
            Add(pair.Key, pair.Value);
        }

        for (var i = 0; i < dataSet.Parameters.Count; i++)
        {
            var p = dataSet.Parameters[i];
            var n = (i + 1).ToString(CultureInfo.InvariantCulture);
            Add($"$P{n}N", p.Name);
            Add($"$P{n}R", Format(p.Range));
            Add($"$P{n}B", "32");
            Add($"$P{n}E", "0,0");
            if (p.Voltage is { } voltage)
            {
                Add($"$P{n}V", Format(voltage));
            }

            if (p.Gain is { } gain)
            {
                Add($"$P{n}G", Format(gain));
            }

            if (p.Stain is not null)
            {
                Add($"$P{n}S", p.Stain);
            }
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static byte[] BuildHeader(string version, long textStart, long textEnd, long dataStart, long dataEnd)
    {
        var fitsHeader = dataEnd <= HeaderOffsetLimit;
        var builder = new StringBuilder(HeaderLength);
        builder.Append("FCS").Append(version).Append("    ");
        builder.Append(Field(textStart)).Append(Field(textEnd));
        builder.Append(Field(fitsHeader ? dataStart : 0)).Append(Field(fitsHeader ? dataEnd : 0));
        builder.Append(Field(0)).Append(Field(0));
        return Encoding.ASCII.GetBytes(builder.ToString());

        static string Field(long value) => value.ToString(CultureInfo.InvariantCulture).PadLeft(8);
    }

    /// <summary>
    /// Writes DATA, which starts at byte <paramref name="dataStart"/> of the file, in pieces that end on multiples of
    /// <see cref="WritePieceBytes"/> in the file.
    /// </summary>
    /// <remarks>
    /// The page cache keeps a file in pieces no larger than the writes that made it, and reading a file kept in 4 KB
    /// pages costs two to three times the system time of one kept in large pieces, as files read from disk or copied
    /// with `cp` are. Small or unaligned writes would make every example and benchmark file the slow kind, which no
    /// cytometer's file is once it reaches the analysis machine (docs/performance.md, session 12).
    /// </remarks>
    private static void WriteEvents(Stream output, FcsWriteDataSet dataSet, bool bigEndian, long dataStart)
    {
        var columns = dataSet.Columns;
        var parameters = columns.Count;
        var events = dataSet.EventCount;
        var eventBytes = parameters * 4;
        var buffer = new byte[WritePieceBytes + eventBytes];
        var filled = 0;
        var pieceEnd = WritePieceBytes - (int)(dataStart % WritePieceBytes);
        for (var e = 0; e < events; e++)
        {
            var slot = buffer.AsSpan(filled, eventBytes);
            for (var c = 0; c < parameters; c++)
            {
                if (bigEndian)
                {
                    BinaryPrimitives.WriteSingleBigEndian(slot[(c * 4)..], columns[c][e]);
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(slot[(c * 4)..], columns[c][e]);
                }
            }

            filled += eventBytes;
            if (filled >= pieceEnd)
            {
                // The event that crossed the boundary is carried over to start the next piece.
                output.Write(buffer, 0, pieceEnd);
                buffer.AsSpan(pieceEnd, filled - pieceEnd).CopyTo(buffer);
                filled -= pieceEnd;
                pieceEnd = WritePieceBytes;
            }
        }

        output.Write(buffer, 0, filled);
    }
}
