using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

/// <summary>Each $DATATYPE, byte order and bit width, on files built byte by byte with known values.</summary>
public sealed class DataTypeTests
{
    private static FcsDataSet ReadOne(HandBuiltFcs file) => FcsReader.Read(file.Build(), "hand-built").DataSets[0];

    [Theory]
    [InlineData("1,2,3,4", new byte[] { 0x34, 0x12, 0xFF, 0xFF }, 0x1234, 0x3FF)]
    [InlineData("4,3,2,1", new byte[] { 0x12, 0x34, 0xFF, 0xFF }, 0x1234, 0x3FF)]
    [InlineData("1,2", new byte[] { 0x34, 0x12, 0xFF, 0xFF }, 0x1234, 0x3FF)]
    [InlineData("2,1", new byte[] { 0x12, 0x34, 0xFF, 0xFF }, 0x1234, 0x3FF)]
    public void Int16_EachByteOrder_DecodesAndMasksToRangeBits(string byteOrder, byte[] data, int first, int second)
    {
        // $P2R 1000: next power of two 1024, so 0xFFFF is masked to 0x3FF.
        var dataSet = ReadOne(new HandBuiltFcs
        {
            Keywords = HandBuiltFcs.ListMode("I", byteOrder, 1, ("FSC-H", 16, "65536"), ("FL1-H", 16, "1000")),
            Data = data,
        });
        Assert.Equal(first, dataSet.Column(0)[0]);
        Assert.Equal(second, dataSet.Column(1)[0]);
    }

    [Theory]
    [InlineData(8, "4,3,2,1", new byte[] { 0xC8, 0x07 }, 200, 7)]
    [InlineData(24, "4,3,2,1", new byte[] { 0x01, 0x02, 0x03, 0x0A, 0x0B, 0x0C }, 0x010203, 0x0A0B0C)]
    [InlineData(24, "1,2,3,4", new byte[] { 0x03, 0x02, 0x01, 0x0C, 0x0B, 0x0A }, 0x010203, 0x0A0B0C)]
    [InlineData(32, "4,3,2,1", new byte[] { 0x00, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF }, 65536, 16777215)]
    [InlineData(32, "1,2,3,4", new byte[] { 0x00, 0x00, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF }, 65536, 16777215)]
    public void Int_EachWidth_Decodes(int bits, string byteOrder, byte[] data, long first, long second)
    {
        // $PnR 16777216 = 2^24: 32-bit values keep their low 24 bits.
        var dataSet = ReadOne(new HandBuiltFcs
        {
            Keywords = HandBuiltFcs.ListMode("I", byteOrder, 1, ("A", bits, "16777216"), ("B", bits, "16777216")),
            Data = data,
        });
        Assert.Equal(first, dataSet.ExactColumn(0)[0]);
        Assert.Equal(second, dataSet.ExactColumn(1)[0]);
    }

    [Fact]
    public void Int64_WiderThan24Bits_ExactColumnKeepsEveryBit()
    {
        var dataSet = ReadOne(new HandBuiltFcs
        {
            Keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", 1, ("Time", 64, "1099511627776")),
            Data = [0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x01],
        });
        Assert.Equal((double)0x80_0000_0001L, dataSet.ExactColumn(0)[0]);
        Assert.Equal((float)0x80_0000_0001L, dataSet.Column(0)[0]);
    }

    [Fact]
    public void Int_MixedWidthsInOneEvent_Decodes()
    {
        var dataSet = ReadOne(new HandBuiltFcs
        {
            Keywords = HandBuiltFcs.ListMode("I", "1,2,3,4", 2, ("A", 8, "256"), ("B", 16, "65536"), ("C", 32, "4294967296")),
            Data = [0x05, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12, 0x06, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00],
        });
        Assert.Equal([5f, 6f], dataSet.Column(0));
        Assert.Equal([(float)0x1234, 1f], dataSet.Column(1));
        Assert.Equal([(double)0x12345678, 2.0], dataSet.ExactColumn(2));
    }

    [Fact]
    public void Int_MixedByteOrder3412_ReordersBytes()
    {
        // $BYTEORD 3,4,1,2: file bytes are the 3rd, 4th, 1st, 2nd least significant.
        var dataSet = ReadOne(new HandBuiltFcs
        {
            Keywords = HandBuiltFcs.ListMode("I", "3,4,1,2", 1, ("A", 32, "4294967296")),
            Data = [0x34, 0x12, 0x78, 0x56],
        });
        Assert.Equal((double)0x12345678, dataSet.ExactColumn(0)[0]);
    }

    [Theory]
    [InlineData("4,3,2,1")]
    [InlineData("1,2,3,4")]
    public void Int_Packed10And12Bits_Decodes(string byteOrder)
    {
        // Two events of (10-bit, 12-bit) values: (1023, 1), (512, 4095); 44 bits → 6 bytes.
        var bigEndian = byteOrder == "4,3,2,1";
        ulong[] values = [1023, 1, 512, 4095];
        int[] widths = [10, 12, 10, 12];
        var bytes = new byte[6];
        var position = 0;
        for (var v = 0; v < values.Length; v++)
        {
            for (var k = 0; k < widths[v]; k++, position++)
            {
                var bit = bigEndian ? (values[v] >> (widths[v] - 1 - k)) & 1 : (values[v] >> k) & 1;
                if (bit != 0)
                {
                    bytes[position / 8] |= (byte)(bigEndian ? 0x80 >> (position % 8) : 1 << (position % 8));
                }
            }
        }

        var dataSet = ReadOne(new HandBuiltFcs
        {
            Version = "2.0",
            Keywords = HandBuiltFcs.ListMode("I", byteOrder, 2, ("FL1", 10, "1024"), ("FL2", 12, "4096")),
            Data = bytes,
        });
        Assert.Equal([1023f, 512f], dataSet.Column(0));
        Assert.Equal([1f, 4095f], dataSet.Column(1));
    }

    [Theory]
    [InlineData("4,3,2,1", new byte[] { 0x3F, 0xC0, 0x00, 0x00, 0xC2, 0x28, 0x00, 0x00 })]
    [InlineData("1,2,3,4", new byte[] { 0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x28, 0xC2 })]
    public void Float32_BothByteOrders_Decodes(string byteOrder, byte[] data)
    {
        var dataSet = ReadOne(new HandBuiltFcs
        {
            Keywords = HandBuiltFcs.ListMode("F", byteOrder, 1, ("FSC-A", 32, "262144"), ("FITC-A", 32, "262144")),
            Data = data,
        });
        Assert.Equal(1.5f, dataSet.Column(0)[0]);
        Assert.Equal(-42f, dataSet.Column(1)[0]);
    }

    [Theory]
    [InlineData("4,3,2,1", new byte[] { 0xC0, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 })]
    [InlineData("1,2,3,4", new byte[] { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0xC0 })]
    public void Float64_BothByteOrders_ExactColumnIsExact(string byteOrder, byte[] data)
    {
        var dataSet = ReadOne(new HandBuiltFcs
        {
            Keywords = HandBuiltFcs.ListMode("D", byteOrder, 1, ("X", 64, "1024")),
            Data = data,
        });
        Assert.Equal(-4.5, dataSet.ExactColumn(0)[0]);
        Assert.Equal(-4.5f, dataSet.Column(0)[0]);
    }

    [Fact]
    public void Float64_ValueNotRepresentableAsFloat32_ExactColumnKeepsIt()
    {
        var bits = BitConverter.DoubleToInt64Bits(0.1);
        var data = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(data, bits);
        var dataSet = ReadOne(new HandBuiltFcs { Keywords = HandBuiltFcs.ListMode("D", "4,3,2,1", 1, ("X", 64, "1")), Data = data });
        Assert.Equal(0.1, dataSet.ExactColumn(0)[0]);
    }

    [Fact]
    public void Ascii_FixedWidth_ReadsPnBCharactersPerValue()
    {
        var dataSet = ReadOne(new HandBuiltFcs
        {
            Version = "2.0",
            Keywords = HandBuiltFcs.ListMode("A", "1,2,3,4", 2, ("FSC", 4, "1024"), ("SSC", 3, "1024")),
            Data = "1023 12   7  5"u8.ToArray(),
        });
        Assert.Equal([1023f, 7f], dataSet.Column(0));
        Assert.Equal([12f, 5f], dataSet.Column(1));
    }

    [Fact]
    public void Ascii_Delimited_ReadsNumbersSeparatedByBlanksCommasAndNewlines()
    {
        var dataSet = ReadOne(new HandBuiltFcs
        {
            Version = "2.0",
            Keywords = HandBuiltFcs.ListMode("A", "1,2,3,4", 3, ("FSC", 0, "1024"), ("SSC", 0, "1024")),
            Data = "1,2\r\n3\t4 , 5.5\n6\n"u8.ToArray(),
        });
        Assert.Equal([1f, 3f, 5.5f], dataSet.Column(0));
        Assert.Equal([2.0, 4.0, 6.0], dataSet.ExactColumn(1));
    }

    [Fact]
    public void ScaleColumn_FloatDataWithLogPnE_IsNotLogDecoded()
    {
        var keywords = HandBuiltFcs.ListMode("F", "4,3,2,1", 1, ("FITC-A", 32, "262144"));
        keywords[keywords.FindIndex(k => k.Item1 == "$P1E")] = ("$P1E", "4,1");
        var dataSet = ReadOne(new HandBuiltFcs { Keywords = keywords, Data = [0x42, 0x28, 0x00, 0x00] });
        Assert.Equal(42.0, dataSet.ScaleColumn(0)[0]);
        Assert.Contains(dataSet.Warnings, w => w.Contains("not log-decoded", StringComparison.Ordinal));
    }

    [Fact]
    public void ScaleColumn_IntegerLogWithOffsetF2_MultipliesByF2()
    {
        var keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", 1, ("FL1-H", 16, "1024"));
        keywords[keywords.FindIndex(k => k.Item1 == "$P1E")] = ("$P1E", "4,0.01");
        var dataSet = ReadOne(new HandBuiltFcs { Keywords = keywords, Data = [0x02, 0x00] });
        Assert.Equal(Math.Pow(10, 4.0 * 512 / 1024) * 0.01, dataSet.ScaleColumn(0)[0]);
    }

    [Fact]
    public void ScaleColumn_TimeGainEqualToTimestep_KeepsTimeAsStored()
    {
        // FACSDiva: Time $PnG 0.01 = $TIMESTEP 0.01; FSC-A $PnG 2 is a real gain.
        var keywords = HandBuiltFcs.ListMode("F", "4,3,2,1", 1, ("Time", 32, "262144"), ("FSC-A", 32, "262144"));
        keywords.AddRange([("$P1G", "0.01"), ("$P2G", "2"), ("$TIMESTEP", "0.01")]);
        var dataSet = ReadOne(new HandBuiltFcs { Keywords = keywords, Data = [0x42, 0x28, 0x00, 0x00, 0x42, 0x28, 0x00, 0x00] });
        Assert.Equal(42.0, dataSet.ScaleColumn(0)[0]);
        Assert.Equal(21.0, dataSet.ScaleColumn(1)[0]);
        Assert.Equal(0.01, dataSet.Parameters[0].Gain);
        Assert.Contains(dataSet.Notes, n => n.Contains("$TIMESTEP", StringComparison.Ordinal));
        Assert.Empty(dataSet.Warnings);
    }
}
