using System.Text;
using CytoViability.Core.Experiments;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Output;
using CytoViability.Core.Placement;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// The binary layouts a shard writes and merge reads: a sample's outcome (every table row, count and statistic it
/// contributes), a sample's placement (own estimates and histograms), and a shard's pooled placement sums. Doubles
/// are written as their 8 bytes, so a value read back is the value computed, bit for bit. Every count is checked
/// before anything is allocated, so a damaged file is an <see cref="InvalidDataException"/>.
/// </summary>
internal static class ShardBinary
{
    private const int MaximumItems = 10_000_000;
    private const int MaximumVarintBytes = 10;
    [ThreadStatic]
    private static long[]? t_counts;

    [ThreadStatic]
    private static HashSet<string>? t_texts;

    [ThreadStatic]
    private static byte[]? t_encoded;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static BinaryWriter Writer(Stream stream) => new(stream, Utf8, leaveOpen: true);

    public static BinaryReader Reader(Stream stream) => new(stream, Utf8, leaveOpen: true);

    /// <summary>Writes the header every shard file starts with: what it is, its layout version and the manifest id.</summary>
    public static void WriteHeader(BinaryWriter writer, int magic, string manifestId)
    {
        writer.Write(magic);
        writer.Write(1);
        writer.Write(manifestId);
    }

    /// <summary>Reads the header and returns the manifest id the file belongs to.</summary>
    public static string ReadHeader(BinaryReader reader, int magic, string path)
    {
        if (reader.ReadInt32() != magic || reader.ReadInt32() != 1)
        {
            throw new InvalidDataException(path + " is not a shard file of this kind and version");
        }

        return reader.ReadText();
    }

    public static void WriteOutcome(BinaryWriter writer, SampleOutcome outcome)
    {
        writer.Write(outcome.File);
        WriteNullable(writer, outcome.Sha256);
        writer.Write(outcome.Bytes);
        writer.Write(outcome.Events);
        writer.Write(outcome.Milliseconds);
        WriteList(writer, outcome.Failures, WriteQc);
        writer.Write(outcome.Result is not null);
        if (outcome.Result is { } result)
        {
            WriteMetadata(writer, result.Metadata);
            WriteList(writer, result.Populations, static (w, row) =>
            {
                w.Write(row.Sample);
                w.Write(row.File);
                w.Write(row.Population);
                w.Write(row.Parent);
                w.Write(row.Count);
                w.Write(row.ParentCount);
                w.Write(row.PercentParent);
                w.Write(row.PercentTotal);
                WriteList(w, row.Metadata, static (w2, value) => w2.Write(value));
            });
            WriteList(writer, result.Mfi, static (w, row) =>
            {
                w.Write(row.Sample);
                w.Write(row.Population);
                w.Write(row.Channel);
                w.Write(row.Marker);
                w.Write(row.Mean);
                w.Write(row.Median);
                w.Write(row.GeometricMean);
                w.Write(row.NonPositiveCount);
                w.Write(row.DisplayMean);
                w.Write(row.Cv);
                w.Write(row.RobustCv);
                w.Write(row.Count);
            });
            WriteList(writer, result.Qc, WriteQc);
            WriteList(writer, [.. result.Counts], static (w, pair) =>
            {
                w.Write(pair.Key);
                w.Write(pair.Value);
            });
            writer.Write(result.FoldStatistic);
            WriteList(writer, result.Gates, static (w, row) =>
            {
                w.Write(row.Sample);
                w.Write(row.File);
                w.Write(row.Gate);
                w.Write(row.Dimension);
                w.Write(row.Value);
                w.Write(row.Method);
                w.Write(row.Scope);
                w.Write(row.Status);
            });
            WriteList(writer, result.Medians, static (w, median) =>
            {
                w.Write(median.Population);
                w.Write(median.Channel);
                w.Write(median.Median);
            });
        }
    }

    public static SampleOutcome ReadOutcome(BinaryReader reader)
    {
        var file = reader.ReadText();
        var sha256 = ReadNullable(reader);
        var bytes = reader.ReadInt64();
        var events = reader.ReadInt32();
        var milliseconds = reader.ReadDouble();
        var failures = ReadList(reader, ReadQc);
        SampleResult? result = null;
        if (reader.ReadBoolean())
        {
            var metadata = ReadMetadata(reader);
            var populations = ReadList(reader, static r => new PopulationRow(
                r.ReadText(), r.ReadText(), r.ReadText(), r.ReadText(), r.ReadInt64(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble(),
                ReadList(r, static r2 => r2.ReadText())));
            var mfi = ReadList(reader, static r => new MfiRow(
                r.ReadText(), r.ReadText(), r.ReadText(), r.ReadText(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt64(),
                r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt64()));
            var qc = ReadList(reader, ReadQc);
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var n = Count(reader); n > 0; n--)
            {
                counts[reader.ReadText()] = reader.ReadInt64();
            }

            var fold = reader.ReadDouble();
            var gates = ReadList(reader, static r => new GateRow(r.ReadText(), r.ReadText(), r.ReadText(), r.ReadText(), r.ReadDouble(), r.ReadText(), r.ReadText(), r.ReadText()));
            var medians = ReadList(reader, static r => new PopulationMedian(r.ReadText(), r.ReadText(), r.ReadDouble()));
            result = new SampleResult(metadata, populations, mfi, qc, counts, fold, gates, medians);
        }

        return new SampleOutcome(file, result, failures, sha256, bytes, events, milliseconds);
    }

    /// <summary>A sample's placement: metadata, its histogram and own estimate per computed coordinate.</summary>
    public static void WritePlacement(BinaryWriter writer, SamplePlacement placement)
    {
        WriteMetadata(writer, placement.Metadata);
        var keys = placement.Histograms.Keys.ToList();
        keys.Sort(StringComparer.Ordinal);
        writer.Write7BitEncodedInt(keys.Count);
        foreach (var key in keys)
        {
            writer.Write(key);
            WriteHistogram(writer, placement.Histograms[key]);
            writer.Write(placement.Own.TryGetValue(key, out var own));
            if (own is not null)
            {
                WriteResult(writer, own);
            }
        }
    }

    /// <summary>
    /// Reads a sample's placement from a map held whole in <paramref name="map"/> (the stream under
    /// <paramref name="reader"/>). Its histograms are checked and left encoded (<see cref="StoredHistograms"/>): a
    /// shard reads one only for a sample whose own position strays from its group's (gate-spread QC), and decoding
    /// them all up front was a tenth of a shard's CPU on many small files (fresh memory for every count).
    /// </summary>
    public static SamplePlacement ReadPlacement(BinaryReader reader, byte[] map)
    {
        var metadata = ReadMetadata(reader);
        var histograms = new StoredHistograms(map);
        var own = new Dictionary<string, PlacementResult>(StringComparer.Ordinal);
        for (var n = Count(reader); n > 0; n--)
        {
            var key = reader.ReadText();
            histograms.Add(key, checked((int)reader.BaseStream.Position));
            SkipHistogram(reader, map);
            if (reader.ReadBoolean())
            {
                own[key] = ReadResult(reader);
            }
        }

        return new SamplePlacement(metadata, histograms, own);
    }

    public static void WriteSums(BinaryWriter writer, PlacementSums sums)
    {
        var keys = sums.Pools.Keys.ToList();
        keys.Sort(StringComparer.Ordinal);
        writer.Write7BitEncodedInt(keys.Count);
        foreach (var key in keys)
        {
            var pool = sums.Pools[key];
            writer.Write(key);
            WriteHistogram(writer, pool.Run);
            writer.Write7BitEncodedInt(pool.Groups.Count);
            foreach (var (group, histogram) in pool.Groups)
            {
                writer.Write(group);
                WriteHistogram(writer, histogram);
            }
        }
    }

    /// <summary>Reads a shard's sums into fresh sums of the plan (every coordinate must be there, on the same axis).</summary>
    public static PlacementSums ReadSums(BinaryReader reader, PlacementPlan plan, string path)
    {
        var sums = PlacementSums.Empty(plan);
        var count = Count(reader);
        if (count != sums.Pools.Count)
        {
            throw new InvalidDataException(path + " holds " + count + " placement coordinates; the template computes " + sums.Pools.Count);
        }

        for (var n = count; n > 0; n--)
        {
            var key = reader.ReadText();
            var run = ReadHistogram(reader);
            var groups = new SortedDictionary<string, AxisHistogram>(StringComparer.Ordinal);
            for (var g = Count(reader); g > 0; g--)
            {
                groups[reader.ReadText()] = ReadHistogram(reader);
            }

            sums.Set(key, new PlacementSums.Pool(run, groups));
        }

        return sums;
    }

    private static void WriteHistogram(BinaryWriter writer, AxisHistogram histogram)
    {
        writer.Write(histogram.Minimum);
        writer.Write(histogram.Maximum);
        writer.Write7BitEncodedInt64(histogram.Below);
        writer.Write7BitEncodedInt64(histogram.Above);
        writer.Write7BitEncodedInt64(histogram.NonFinite);
        writer.Write7BitEncodedInt(histogram.BinCount);

        // The counts encoded as BinaryWriter's 7-bit varints, a histogram at a time: plan writes every sample's,
        // 5 MB for 964 files, and a write a byte was most of writing its map.
        var counts = histogram.Counts;
        var encoded = t_encoded is { } scratch && scratch.Length >= counts.Length * MaximumVarintBytes ? scratch : t_encoded = new byte[counts.Length * MaximumVarintBytes];
        var length = 0;
        foreach (var count in counts)
        {
            var value = (ulong)count;
            while (value >= 0x80)
            {
                encoded[length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            encoded[length++] = (byte)value;
        }

        writer.Write(encoded, 0, length);
    }

    /// <summary>Decodes the histogram written at <paramref name="offset"/> of a map held whole.</summary>
    public static AxisHistogram ReadHistogram(byte[] map, int offset)
    {
        using var stream = new MemoryStream(map, writable: false) { Position = offset };
        using var reader = Reader(stream);
        return ReadHistogram(reader);
    }

    /// <summary>Moves past a histogram, checking what <see cref="ReadHistogram(BinaryReader)"/> would: an axis, and counts that are non-negative 64-bit varints.</summary>
    private static void SkipHistogram(BinaryReader reader, byte[] map)
    {
        var minimum = reader.ReadDouble();
        var maximum = reader.ReadDouble();
        for (var i = 0; i < 3; i++)
        {
            reader.ReadInt64Checked();
        }

        var bins = Count(reader);
        if (bins == 0 || !double.IsFinite(minimum) || !double.IsFinite(maximum) || !(maximum > minimum))
        {
            throw new InvalidDataException("a placement histogram has no axis");
        }

        // A varint ends at its first byte below 0x80; a non-negative long takes at most nine bytes (a negative one ten).
        var position = checked((int)reader.BaseStream.Position);
        var bytes = 0;
        for (var counted = 0; counted < bins; position++)
        {
            if (position >= map.Length)
            {
                throw new EndOfStreamException("a placement histogram ends early");
            }

            bytes++;
            if (map[position] < 0x80)
            {
                counted++;
                bytes = 0;
            }
            else if (bytes == 9)
            {
                throw new InvalidDataException("a histogram count is negative or too large");
            }
        }

        reader.BaseStream.Position = position;
    }

    private static AxisHistogram ReadHistogram(BinaryReader reader)
    {
        var minimum = reader.ReadDouble();
        var maximum = reader.ReadDouble();
        var below = reader.ReadInt64Checked();
        var above = reader.ReadInt64Checked();
        var nonFinite = reader.ReadInt64Checked();
        var bins = Count(reader);
        if (bins == 0 || !double.IsFinite(minimum) || !double.IsFinite(maximum) || !(maximum > minimum))
        {
            throw new InvalidDataException("a placement histogram has no axis");
        }

        // One scratch array a thread: a shard reads thousands of histograms, each restored into its own.
        var counts = t_counts is { } scratch && scratch.Length >= bins ? scratch : t_counts = new long[bins];
        for (var i = 0; i < bins; i++)
        {
            counts[i] = reader.ReadInt64Checked();
        }

        return AxisHistogram.Restore(minimum, maximum, counts.AsSpan(0, bins), below, above, nonFinite);
    }

    /// <summary>
    /// A string as <see cref="BinaryReader.ReadString"/> reads it, the same instance each time the same text comes
    /// again: a sample's record repeats its sample, file, population and channel names on every row, and merge holds
    /// every record until the tables are written (a fresh string each time was a third of reading them, most of it
    /// the collector's). Decoded straight from the stream's buffer when it is a <see cref="MemoryStream"/>.
    /// </summary>
    private static string ReadText(this BinaryReader reader)
    {
        if (reader.BaseStream is not MemoryStream memory || !memory.TryGetBuffer(out var buffer))
        {
            return reader.ReadString();
        }

        var length = reader.Read7BitEncodedInt();
        var start = checked((int)memory.Position);
        if (length < 0 || length > buffer.Count - start)
        {
            throw new EndOfStreamException("a string of " + length + " bytes runs past the end of the record");
        }

        var bytes = buffer.AsSpan(start, length);
        memory.Position = start + length;
        if (length > 256)
        {
            return Utf8.GetString(bytes);
        }

        Span<char> chars = stackalloc char[length];
        var text = chars[..Utf8.GetChars(bytes, chars)];
        var known = t_texts ??= new HashSet<string>(StringComparer.Ordinal);
        if (known.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var same))
        {
            return same;
        }

        if (known.Count >= 100_000)
        {
            known.Clear();
        }

        var created = text.ToString();
        known.Add(created);
        return created;
    }

    private static long ReadInt64Checked(this BinaryReader reader)
    {
        var value = reader.Read7BitEncodedInt64();
        return value >= 0 ? value : throw new InvalidDataException("a histogram count is negative");
    }

    private static void WriteResult(BinaryWriter writer, PlacementResult result)
    {
        writer.Write(result.Position.HasValue);
        writer.Write(result.Position ?? 0);
        WriteNullable(writer, result.Reason);
        var names = result.Diagnostics.Keys.ToList();
        names.Sort(StringComparer.Ordinal);
        writer.Write7BitEncodedInt(names.Count);
        foreach (var name in names)
        {
            writer.Write(name);
            writer.Write(result.Diagnostics[name]);
        }
    }

    private static PlacementResult ReadResult(BinaryReader reader)
    {
        var has = reader.ReadBoolean();
        var position = reader.ReadDouble();
        var reason = ReadNullable(reader);
        var diagnostics = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var n = Count(reader); n > 0; n--)
        {
            diagnostics[reader.ReadText()] = reader.ReadDouble();
        }

        return new PlacementResult(has ? position : null, reason, diagnostics);
    }

    private static void WriteMetadata(BinaryWriter writer, SampleMetadata metadata)
    {
        writer.Write(metadata.Sample);
        writer.Write(metadata.File);
        writer.Write(metadata.Donor);
        writer.Write(metadata.Replicate);
        WriteList(writer, metadata.Values, static (w, value) => w.Write(value));
    }

    private static SampleMetadata ReadMetadata(BinaryReader reader)
        => new(reader.ReadText(), reader.ReadText(), reader.ReadText(), reader.ReadText(), ReadList(reader, static r => r.ReadText()));

    private static void WriteQc(BinaryWriter writer, QcRow row)
    {
        writer.Write(row.Sample);
        writer.Write(row.File);
        writer.Write(row.Check);
        WriteNullable(writer, row.Value);
        WriteNullable(writer, row.Threshold);
        writer.Write((byte)row.Status);
        writer.Write(row.Message);
    }

    private static QcRow ReadQc(BinaryReader reader)
    {
        var sample = reader.ReadText();
        var file = reader.ReadText();
        var check = reader.ReadText();
        var value = ReadNullableDouble(reader);
        var threshold = ReadNullableDouble(reader);
        var status = reader.ReadByte();
        if (status > (byte)QcStatus.Fail)
        {
            throw new InvalidDataException("unknown QC status " + status);
        }

        return new QcRow(sample, file, check, value, threshold, (QcStatus)status, reader.ReadText());
    }

    private static void WriteNullable(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        writer.Write(value ?? string.Empty);
    }

    private static string? ReadNullable(BinaryReader reader)
    {
        var has = reader.ReadBoolean();
        var value = reader.ReadText();
        return has ? value : null;
    }

    private static void WriteNullable(BinaryWriter writer, double? value)
    {
        writer.Write(value.HasValue);
        writer.Write(value ?? 0);
    }

    private static double? ReadNullableDouble(BinaryReader reader)
    {
        var has = reader.ReadBoolean();
        var value = reader.ReadDouble();
        return has ? value : null;
    }

    private static void WriteList<T>(BinaryWriter writer, IReadOnlyList<T> items, Action<BinaryWriter, T> write)
    {
        writer.Write7BitEncodedInt(items.Count);
        foreach (var item in items)
        {
            write(writer, item);
        }
    }

    private static T[] ReadList<T>(BinaryReader reader, Func<BinaryReader, T> read)
    {
        var items = new T[Count(reader)];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read(reader);
        }

        return items;
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count is >= 0 and <= MaximumItems ? count : throw new InvalidDataException("item count " + count + " is out of range");
    }
}
