using System.Buffers.Binary;
using System.Text;
using CytoViability.Core.Fcs;
using CytoViability.Core.Statistics;
using CytoViability.Core.Tests.Fcs;

namespace CytoViability.Core.Tests.Statistics;

/// <summary>
/// `inspect --stats` reads DATA in slices and never holds a whole column; each channel's extent must be bit for bit
/// what one scan of the whole decoded column gives (the way it was computed before), for every file and DATA type.
/// </summary>
public sealed class EventSliceScansTests
{
    /// <summary>Events per synthetic file: several 256 KiB slices for every layout, and not a multiple of eight.</summary>
    private const int Events = 100_003;

    public static TheoryData<string> TestDataFiles() => new(TestDataPaths());

    /// <summary>The FCS corpus (its manifest) and the FCS files beside the Gating-ML and FlowJo suites, relative to tests/data.</summary>
    private static List<string> TestDataPaths()
    {
        var paths = File.ReadLines(Path.Combine(TestPaths.CorpusFcs, "manifest.tsv")).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => Path.Combine("fcs", line.Split('\t')[0]))
            .ToList();
        foreach (var folder in new[] { "gatingml2", "flowjo" })
        {
            paths.AddRange(Directory.EnumerateFiles(Path.Combine(TestPaths.Data, folder), "*.fcs", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(TestPaths.Data, path))
                .Order(StringComparer.Ordinal));
        }

        return paths;
    }

    [Theory]
    [MemberData(nameof(TestDataFiles))]
    public void Every_test_file_read_in_slices_gives_each_channel_the_extent_of_its_whole_column(string file)
    {
        var path = Path.Combine(TestPaths.Data, file);
        var whole = FcsReader.ReadFile(path);
        var scans = new EventSliceScans();

        var sliced = FcsReader.ReadFile(path, new FcsReadOptions { EventSlices = scans });

        Assert.Equal(whole.DataSets.Count, sliced.DataSets.Count);
        for (var d = 0; d < whole.DataSets.Count; d++)
        {
            Assert.False(sliced.DataSets[d].HasEvents);
            for (var p = 0; p < whole.DataSets[d].Parameters.Count; p++)
            {
                AssertSameBits(ColumnScan.Scan(whole.DataSets[d].Column(p)), scans.Extent(d, p));
            }
        }
    }

    [Fact]
    public void The_test_files_include_one_of_several_slices()
    {
        // Otherwise the test above would only ever see one slice per data set.
        var largest = TestDataPaths().Max(path => new FileInfo(Path.Combine(TestPaths.Data, path)).Length);

        Assert.True(largest > 1 << 19, $"largest test file {largest} bytes");
    }

    [Theory]
    [InlineData("float32, big-endian, 12 channels (the AVX2 transpose)")]
    [InlineData("float32, little-endian, 3 channels")]
    [InlineData("float64, little-endian")]
    [InlineData("int16, big-endian, $PnR 1000 masks to 10 bits")]
    [InlineData("int32, little-endian, $PnR 2^24 masks to 24 bits")]
    [InlineData("int 8, 16 and 32 bits side by side, big-endian")]
    [InlineData("int24, byte order 3,4,1,2 on a 32-bit channel beside")]
    [InlineData("packed 10-bit integers (decoded whole, one slice)")]
    [InlineData("fixed-width ASCII (decoded whole, one slice)")]
    public void Each_data_type_read_in_slices_gives_the_extent_of_the_values_written(string layout)
    {
        var (file, expected) = Build(layout);
        var scans = new EventSliceScans();

        FcsReader.Read(file.Build(), "hand-built", new FcsReadOptions { EventSlices = scans });

        for (var c = 0; c < expected.Length; c++)
        {
            AssertSameBits(ColumnScan.Scan(expected[c]), scans.Extent(0, c));
        }
    }

    [Fact]
    public void A_data_set_without_events_has_the_empty_extent()
    {
        var file = new HandBuiltFcs { Keywords = HandBuiltFcs.ListMode("F", "1,2,3,4", 0, ("FSC-A", 32, "262144")) };
        var scans = new EventSliceScans();

        FcsReader.Read(file.Build(), "hand-built", new FcsReadOptions { EventSlices = scans });

        var extent = scans.Extent(0, 0);
        Assert.Equal(0, extent.FiniteCount + extent.NonFiniteCount);
        Assert.True(double.IsNaN(extent.Minimum) && double.IsNaN(extent.Maximum) && double.IsNaN(extent.Mean));
    }

    private static void AssertSameBits(ColumnExtent expected, ColumnExtent actual)
    {
        Assert.Equal(expected.FiniteCount, actual.FiniteCount);
        Assert.Equal(expected.NonFiniteCount, actual.NonFiniteCount);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Minimum), BitConverter.DoubleToInt64Bits(actual.Minimum));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Maximum), BitConverter.DoubleToInt64Bits(actual.Maximum));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Sum), BitConverter.DoubleToInt64Bits(actual.Sum));
    }

    /// <summary>A file of <see cref="Events"/> events in the named layout and the values its channels must decode to.</summary>
    private static (HandBuiltFcs File, float[][] Expected) Build(string layout)
    {
        var random = new Random(layout.Length);
        return layout switch
        {
            _ when layout.StartsWith("float32, big", StringComparison.Ordinal) => Float32(random, 12, bigEndian: true),
            _ when layout.StartsWith("float32, little", StringComparison.Ordinal) => Float32(random, 3, bigEndian: false),
            _ when layout.StartsWith("float64", StringComparison.Ordinal) => Float64(random),
            _ when layout.StartsWith("int16", StringComparison.Ordinal) => Integers(random, "4,3,2,1", [(16, "65536", 0xFFFF), (16, "1000", 0x3FF), (16, "65536", 0xFFFF)]),
            _ when layout.StartsWith("int32", StringComparison.Ordinal) => Integers(random, "1,2,3,4", [(32, "16777216", 0xFF_FFFF), (32, "16777216", 0xFF_FFFF)]),
            _ when layout.StartsWith("int 8", StringComparison.Ordinal) => Integers(random, "4,3,2,1", [(8, "256", 0xFF), (16, "65536", 0xFFFF), (32, "4294967296", 0xFFFF_FFFF)]),
            _ when layout.StartsWith("int24", StringComparison.Ordinal) => Integers(random, "3,4,1,2", [(24, "16777216", 0xFF_FFFF), (32, "16777216", 0xFF_FFFF)]),
            _ when layout.StartsWith("packed", StringComparison.Ordinal) => Packed10(random),
            _ => FixedAscii(random),
        };
    }

    private static (HandBuiltFcs, float[][]) Float32(Random random, int channels, bool bigEndian)
    {
        var expected = Channels(channels);
        var data = new byte[Events * channels * 4];
        for (int e = 0, at = 0; e < Events; e++)
        {
            for (var c = 0; c < channels; c++, at += 4)
            {
                var value = (e % 997) == c ? NonFinite(e) : (float)((random.NextDouble() * 300_000) - 1_000);
                expected[c][e] = value;
                var bits = BitConverter.SingleToUInt32Bits(value);
                if (bigEndian)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(at), bits);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at), bits);
                }
            }
        }

        var parameters = Enumerable.Range(1, channels).Select(c => ($"FL{c}-A", 32, "262144")).ToArray();
        return (new HandBuiltFcs { Keywords = HandBuiltFcs.ListMode("F", bigEndian ? "4,3,2,1" : "1,2,3,4", Events, parameters), Data = data }, expected);
    }

    private static (HandBuiltFcs, float[][]) Float64(Random random)
    {
        var expected = Channels(2);
        var data = new byte[Events * 2 * 8];
        for (int e = 0, at = 0; e < Events; e++)
        {
            for (var c = 0; c < 2; c++, at += 8)
            {
                var value = (e % 501) == c ? NonFinite(e) : (random.NextDouble() * 1e6) - 5e5;
                expected[c][e] = (float)value;
                BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(at), value);
            }
        }

        return (new HandBuiltFcs { Keywords = HandBuiltFcs.ListMode("D", "1,2,3,4", Events, ("X", 64, "1000000"), ("Y", 64, "1000000")), Data = data }, expected);
    }

    /// <summary>Integers of the given widths; the file holds random bits above each $PnR's mask, which must not count.</summary>
    private static (HandBuiltFcs, float[][]) Integers(Random random, string byteOrder, (int Bits, string Range, ulong Mask)[] channels)
    {
        var expected = Channels(channels.Length);
        var eventBytes = channels.Sum(c => c.Bits / 8);
        var data = new byte[Events * eventBytes];
        var significance = byteOrder.Split(',').Select(b => int.Parse(b, System.Globalization.CultureInfo.InvariantCulture) - 1).ToArray();
        for (int e = 0, at = 0; e < Events; e++)
        {
            for (var c = 0; c < channels.Length; c++)
            {
                var width = channels[c].Bits / 8;
                var raw = (ulong)random.NextInt64() & (width == 8 ? ulong.MaxValue : (1UL << (8 * width)) - 1);
                expected[c][e] = raw & channels[c].Mask;
                for (var k = 0; k < width; k++)
                {
                    // $BYTEORD lists, for each byte in the file, its significance (1 = least); shorter values use the
                    // order of their own width (1,2 or 2,1; 3,4,1,2 is a 32-bit order, so a 24-bit value beside it is
                    // read little-endian, as the reader documents).
                    var rank = width == 4 && significance.Length == 4 ? significance[k]
                        : significance[0] > significance[^1] ? width - 1 - k : k;
                    data[at++] = (byte)(raw >> (8 * rank));
                }
            }
        }

        var parameters = channels.Select((c, i) => ($"P{i + 1}", c.Bits, c.Range)).ToArray();
        return (new HandBuiltFcs { Keywords = HandBuiltFcs.ListMode("I", byteOrder, Events, parameters), Data = data }, expected);
    }

    private static (HandBuiltFcs, float[][]) Packed10(Random random)
    {
        const int channels = 3;
        var expected = Channels(channels);
        var data = new byte[((Events * channels * 10) + 7) / 8];
        long position = 0;
        for (var e = 0; e < Events; e++)
        {
            for (var c = 0; c < channels; c++)
            {
                var value = random.Next(1024);
                expected[c][e] = value;
                for (var k = 0; k < 10; k++, position++)
                {
                    if (((value >> (9 - k)) & 1) != 0)
                    {
                        data[position / 8] |= (byte)(0x80 >> (int)(position % 8));
                    }
                }
            }
        }

        return (new HandBuiltFcs
        {
            Version = "2.0",
            Keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", Events, ("FL1", 10, "1024"), ("FL2", 10, "1024"), ("FL3", 10, "1024")),
            Data = data,
        }, expected);
    }

    private static (HandBuiltFcs, float[][]) FixedAscii(Random random)
    {
        var expected = Channels(2);
        var text = new StringBuilder();
        for (var e = 0; e < Events; e++)
        {
            for (var c = 0; c < 2; c++)
            {
                var value = random.Next(10_000);
                expected[c][e] = value;
                text.Append(value.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(5));
            }
        }

        return (new HandBuiltFcs
        {
            Version = "2.0",
            Keywords = HandBuiltFcs.ListMode("A", "1,2,3,4", Events, ("FSC", 5, "10000"), ("SSC", 5, "10000")),
            Data = Encoding.ASCII.GetBytes(text.ToString()),
        }, expected);
    }

    private static float[][] Channels(int count) => Enumerable.Range(0, count).Select(_ => new float[Events]).ToArray();

    private static float NonFinite(int e) => (e % 3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity };
}
