using System.Buffers.Binary;
using System.Text;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

public sealed class FcsWriterTests
{
    private static FcsWriteDataSet Sample(int events = 5)
    {
        var fsc = new float[events];
        var fitc = new float[events];
        for (var i = 0; i < events; i++)
        {
            fsc[i] = 1000.5f * (i + 1);
            fitc[i] = -3.25f + (i * 0.1f);
        }

        return new FcsWriteDataSet(
            [new FcsWriteParameter("FSC-A", null, 262144), new FcsWriteParameter("FITC-A", "DiOC6", 262144, Gain: 1.0, Voltage: 495)],
            [fsc, fitc],
            [new("$CYT", "FACSCantoII"), new("TUBE NAME", "no antibody | donor 1"), new("SPILL", "2,FSC-A,FITC-A,1,0,0.5,1"), new("$SRC", "donor 1")]);
    }

    [Theory]
    [InlineData(false, '|')]
    [InlineData(true, '/')]
    public void WriteThenRead_RoundTripsEveryKeywordAndValue(bool bigEndian, char delimiter)
    {
        var written = Sample();
        using var stream = new MemoryStream();
        FcsWriter.Write(stream, written, new FcsWriterOptions { BigEndian = bigEndian, Delimiter = delimiter });

        var read = FcsReader.Read(stream.ToArray(), "memory").DataSets[0];
        Assert.Equal("3.1", read.Version);
        Assert.Equal(5, read.EventCount);
        Assert.Equal(written.Columns[0], read.Column(0));
        Assert.Equal(written.Columns[1], read.Column(1));
        foreach (var pair in written.Keywords)
        {
            Assert.Equal(pair.Value, read.Keywords[pair.Key]);
        }

        Assert.Equal("DiOC6", read.Parameters[1].Stain);
        Assert.Equal(495, read.Parameters[1].Voltage);
        Assert.Equal(bigEndian ? "4,3,2,1" : "1,2,3,4", read.Keywords["$BYTEORD"]);
        Assert.Empty(read.Warnings);
        Assert.Equal(0.5, read.Spillover![1, 0]);
    }

    [Fact]
    public void FacsDivaLayout_WritesTextAt256FormFeedPaddedNumbersAndCrcPlaceholder()
    {
        using var stream = new MemoryStream();
        FcsWriter.Write(stream, Sample(3), new FcsWriterOptions { FacsDivaLayout = true });
        var bytes = stream.ToArray();

        Assert.Equal("FCS3.0", Encoding.ASCII.GetString(bytes, 0, 6));
        Assert.Equal("     256", Encoding.ASCII.GetString(bytes, 10, 8));
        Assert.Equal(0x0C, bytes[256]);
        Assert.Equal("00000000", Encoding.ASCII.GetString(bytes, bytes.Length - 8, 8));
        Assert.Contains("\f$TOT\f3                   \f", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);

        var dataStart = int.Parse(Encoding.ASCII.GetString(bytes, 26, 8).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("     ", Encoding.ASCII.GetString(bytes, dataStart - 5, 5));
        Assert.Equal(1000.5f, BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(dataStart)));

        var read = FcsReader.Read(bytes, "diva").DataSets[0];
        Assert.Equal(3, read.EventCount);
        Assert.Equal("3                   ", read.Keywords["$TOT"]);
        Assert.Equal(-3.05f, read.Column(1)[2]);
    }

    [Fact]
    public void LargeData_IsWrittenInPiecesEndingOnMebibytesOfTheFile_WithEveryEventIntact()
    {
        // 12-byte events do not divide a mebibyte, so events straddle the pieces' ends.
        const int events = 250_000;
        var columns = new[] { new float[events], new float[events], new float[events] };
        for (var e = 0; e < events; e++)
        {
            columns[0][e] = e;
            columns[1][e] = -e - 0.5f;
            columns[2][e] = e * 3;
        }

        var dataSet = new FcsWriteDataSet(
            [new FcsWriteParameter("FSC-A", null, 262144), new FcsWriteParameter("SSC-A", null, 262144), new FcsWriteParameter("Time", null, 262144)], columns, []);
        using var stream = new WriteRecordingStream();
        FcsWriter.Write(stream, dataSet, new FcsWriterOptions { FacsDivaLayout = true });

        var read = FcsReader.Read(stream.ToArray(), "pieces").DataSets[0];
        var dataStart = long.Parse(read.Keywords["$BEGINDATA"]!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var dataEnd = dataStart + (events * 12L);
        var endsInsideData = stream.WriteEnds.Where(end => end > dataStart && end < dataEnd).ToList();
        Assert.Equal([1L << 20, 2L << 20], endsInsideData);
        Assert.Contains(dataEnd, stream.WriteEnds);
        Assert.Equal(columns[0], read.Column(0));
        Assert.Equal(columns[1], read.Column(1));
        Assert.Equal(columns[2], read.Column(2));
    }

    [Fact]
    public void WriteFile_ThenReadFile_GivesTheSameEvents()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cytoviability-{Guid.NewGuid():N}.fcs");
        try
        {
            FcsWriter.WriteFile(path, Sample(1000), new FcsWriterOptions { BigEndian = true });
            var read = FcsReader.ReadFile(path).DataSets[0];
            Assert.Equal(1000, read.EventCount);
            Assert.Equal(1000.5f * 1000, read.Column(0)[999]);
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $".{Path.GetFileName(path)}.*"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_StructuralKeywordPassedIn_IsRefused()
    {
        var dataSet = new FcsWriteDataSet([new FcsWriteParameter("FSC-A", null, 1024)], [new float[1]], [new("$TOT", "7")]);
        Assert.Throws<ArgumentException>(() => FcsWriter.Write(Stream.Null, dataSet));
    }

    /// <summary>A memory stream that remembers where in the stream each write ended.</summary>
    private sealed class WriteRecordingStream : MemoryStream
    {
        public List<long> WriteEnds { get; } = [];

        public override void Write(byte[] buffer, int offset, int count)
        {
            base.Write(buffer, offset, count);
            WriteEnds.Add(Position);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            base.Write(buffer);
            WriteEnds.Add(Position);
        }

        public override void WriteByte(byte value)
        {
            base.WriteByte(value);
            WriteEnds.Add(Position);
        }
    }
}
