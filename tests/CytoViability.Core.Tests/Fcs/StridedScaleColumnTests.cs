using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

/// <summary>Gate placement reads every k-th event of a file; those values are the file's scale values, gain applied.</summary>
public sealed class StridedScaleColumnTests
{
    [Fact]
    public void Every_second_event_of_a_float_column_with_a_gain_is_its_value_over_the_gain()
    {
        // Five float32 events 2, 4, 6, 8, 10 (big-endian) with $P1G = 2: scale values 1, 2, 3, 4, 5.
        var keywords = HandBuiltFcs.ListMode("F", "4,3,2,1", 5, ("FSC-A", 32, "262144"));
        keywords.Add(("$P1G", "2"));
        byte[] data = [0x40, 0x00, 0, 0, 0x40, 0x80, 0, 0, 0x40, 0xC0, 0, 0, 0x41, 0x00, 0, 0, 0x41, 0x20, 0, 0];
        var dataSet = FcsReader.Read(new HandBuiltFcs { Keywords = keywords, Data = data }.Build(), "hand-built").DataSets[0];

        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], dataSet.ScaleColumn(0));
        Assert.Equal([1.0, 3.0, 5.0], dataSet.ScaleColumn(0, 2));
        Assert.Equal([1.0, 4.0], dataSet.ScaleColumn(0, 3));
        Assert.Equal([1.0], dataSet.ScaleColumn(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => dataSet.ScaleColumn(0, 0));
    }

    [Fact]
    public void Twenty_one_float_events_with_a_gain_of_three_read_whole_or_by_block_are_each_value_over_three()
    {
        // Events 1, 2, …, 21 (more than two vectors of eight, and a tail) with $P1G = 3; FSC-H without a gain.
        var keywords = HandBuiltFcs.ListMode("F", "4,3,2,1", 21, ("FSC-A", 32, "262144"), ("FSC-H", 32, "262144"));
        keywords.Add(("$P1G", "3"));
        var data = new List<byte>();
        for (var e = 1; e <= 21; e++)
        {
            data.AddRange(BigEndian(e));
            data.AddRange(BigEndian(-e * 0.5f));
        }

        var dataSet = FcsReader.Read(new HandBuiltFcs { Keywords = keywords, Data = [.. data] }.Build(), "hand-built").DataSets[0];

        var expected = Enumerable.Range(1, 21).Select(e => e / 3.0).ToArray();
        Assert.Equal(expected, dataSet.ScaleColumn(0));
        Assert.Equal(Enumerable.Range(1, 21).Select(e => -e * 0.5).ToArray(), dataSet.ScaleColumn(1));
        var block = new double[13];
        dataSet.ScaleBlock(0, 5, block);
        Assert.Equal(expected[5..18], block);
    }

    private static byte[] BigEndian(float value)
    {
        var bytes = BitConverter.GetBytes(value);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return bytes;
    }

    [Fact]
    public void A_file_read_as_a_sample_of_at_most_two_events_holds_events_zero_and_three_of_five()
    {
        // The same five events 2, 4, 6, 8, 10 with $P1G = 2: k = ⌈5 / 2⌉ = 3, so events 0 and 3, scale values 1 and 4.
        var keywords = HandBuiltFcs.ListMode("F", "4,3,2,1", 5, ("FSC-A", 32, "262144"));
        keywords.Add(("$P1G", "2"));
        byte[] data = [0x40, 0x00, 0, 0, 0x40, 0x80, 0, 0, 0x40, 0xC0, 0, 0, 0x41, 0x00, 0, 0, 0x41, 0x20, 0, 0];
        var dataset = FcsReader.Read(new HandBuiltFcs { Keywords = keywords, Data = data }.Build(), "hand-built", new FcsReadOptions { SampledEvents = 2 }).DataSets[0];

        Assert.Equal(3, dataset.EventStride);
        Assert.Equal(2, dataset.EventCount);
        Assert.Equal([1.0, 4.0], dataset.ScaleColumn(0));
    }

    [Fact]
    public void A_float64_file_read_as_a_sample_keeps_each_sampled_events_exact_values_in_every_channel()
    {
        // Seven events of two float64 channels, X = i + 0.1 and Y = 100 + i (not float32 values): a sample of at most
        // three events is events 0, 3 and 6 (k = ⌈7 / 3⌉ = 3).
        var data = new byte[7 * 16];
        for (var i = 0; i < 7; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan(i * 16), i + 0.1);
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan((i * 16) + 8), 100.3 + i);
        }

        var file = new HandBuiltFcs { Keywords = HandBuiltFcs.ListMode("D", "4,3,2,1", 7, ("X", 64, "1024"), ("Y", 64, "1024")), Data = data }.Build();
        var sample = FcsReader.Read(file, "hand-built", new FcsReadOptions { SampledEvents = 3 }).DataSets[0];
        var whole = FcsReader.Read(file, "hand-built", new FcsReadOptions { SampledEvents = 7 }).DataSets[0];

        Assert.Equal(3, sample.EventStride);
        Assert.Equal([0 + 0.1, 3 + 0.1, 6 + 0.1], sample.ExactColumn(0));
        Assert.Equal([100.3 + 0, 100.3 + 3, 100.3 + 6], sample.ExactColumn(1));
        Assert.Equal(1, whole.EventStride);
        Assert.Equal(7, whole.EventCount);
    }

    [Fact]
    public void Ascii_data_has_no_offset_per_event_so_a_sample_is_decoded_whole()
    {
        var file = new HandBuiltFcs
        {
            Version = "2.0",
            Keywords = HandBuiltFcs.ListMode("A", "1,2,3,4", 2, ("FSC", 4, "1024"), ("SSC", 3, "1024")),
            Data = "1023 12   7  5"u8.ToArray(),
        }.Build();

        var dataset = FcsReader.Read(file, "hand-built", new FcsReadOptions { SampledEvents = 1 }).DataSets[0];

        Assert.Equal(1, dataset.EventStride);
        Assert.Equal([1023.0, 7.0], dataset.ScaleColumn(0));
    }

    [Theory]
    [InlineData(200_000, 50_000, 4)] // events 16 bytes apart: picked out of contiguous reads, over several slices
    [InlineData(3_000, 2, 1_500)] // events 12,000 bytes apart: still cheaper to copy the gaps than to read one by one
    [InlineData(6_000, 2, 3_000)] // events 24,000 bytes apart, more than 16 KiB: read one by one
    public void A_sample_holds_every_kth_event_whether_the_events_are_near_or_far_apart(int events, int sampled, int stride)
    {
        // Event i holds i in X and -i in Y (float32, little-endian), so the sample's values name the events it holds.
        var data = new byte[events * 8];
        for (var i = 0; i < events; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 8), i);
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan((i * 8) + 4), -i);
        }

        var file = new HandBuiltFcs { Keywords = HandBuiltFcs.ListMode("F", "1,2,3,4", events, ("X", 32, "262144"), ("Y", 32, "262144")), Data = data }.Build();
        var sample = FcsReader.Read(file, "hand-built", new FcsReadOptions { SampledEvents = sampled }).DataSets[0];

        Assert.Equal(stride, sample.EventStride);
        Assert.Equal(sampled, sample.EventCount);
        var x = sample.ScaleColumn(0);
        var y = sample.ScaleColumn(1);
        for (var j = 0; j < sampled; j++)
        {
            Assert.Equal((double)(j * stride), x[j]);
            Assert.Equal((double)(-j * stride), y[j]);
        }
    }
}
