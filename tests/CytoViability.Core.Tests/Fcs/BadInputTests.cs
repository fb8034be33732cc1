using System.Text;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

/// <summary>
/// Broken files give an <see cref="FcsFormatException"/> naming the file, the segment and the byte offset —
/// never another exception type, never an out-of-range read, never an allocation the file size cannot justify.
/// </summary>
public sealed class BadInputTests
{
    private const string Name = "broken.fcs";

    private static byte[] ValidFile() => new HandBuiltFcs
    {
        Keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", 2, ("FSC-H", 16, "1024"), ("SSC-H", 16, "1024")),
        Data = [0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04],
    }.Build();

    private static FcsFormatException Refused(byte[] bytes)
    {
        var error = Assert.Throws<FcsFormatException>(() => FcsReader.Read(bytes, Name));
        Assert.Equal(Name, error.Source);
        Assert.Contains(Name, error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Segment, error.Message, StringComparison.Ordinal);
        Assert.Contains($"byte {error.Offset}", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void EmptyFile_IsRefusedAtHeaderOffset0()
    {
        var error = Refused([]);
        Assert.Equal(("HEADER", 0L), (error.Segment, error.Offset));
    }

    [Fact]
    public void HtmlSavedAsFcs_IsRefusedAsNotFcs()
    {
        var error = Refused(Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>Login</title></head><body>Session expired</body></html>"));
        Assert.Equal("HEADER", error.Segment);
        Assert.Contains("HTML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBinary_IsRefusedAsNotFcs()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        Assert.Equal("HEADER", Refused(bytes).Segment);
    }

    [Fact]
    public void TruncatedHeader_IsRefused()
    {
        var error = Refused(ValidFile()[..40]);
        Assert.Equal("HEADER", error.Segment);
        Assert.Contains("40 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedInsideText_IsRefusedAtText()
    {
        var error = Refused(ValidFile()[..100]);
        Assert.Equal(("TEXT", 58L), (error.Segment, error.Offset));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedInsideData_IsRefusedAtData()
    {
        var file = ValidFile();
        var error = Refused(file[..^3]);
        Assert.Equal("DATA", error.Segment);
        Assert.Equal(file.Length - 8, error.Offset);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderOffsetNotANumber_IsRefusedAtThatField()
    {
        var file = ValidFile();
        Encoding.ASCII.GetBytes("  12x456").CopyTo(file, 26);
        var error = Refused(file);
        Assert.Equal(("HEADER", 26L), (error.Segment, error.Offset));
    }

    [Fact]
    public void TextOffsetsPastEndOfFile_AreRefused()
    {
        var file = ValidFile();
        Encoding.ASCII.GetBytes("99999999").CopyTo(file, 18);
        var error = Refused(file);
        Assert.Equal("TEXT", error.Segment);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataOffsetsPastEndOfFile_AreRefused()
    {
        var error = Refused(new HandBuiltFcs
        {
            Keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", 2, ("FSC-H", 16, "1024")),
            Data = [0, 1, 0, 2],
            HeaderDataOffsets = _ => (5000, 5003),
            TextDataOffsets = _ => (5000, 5003),
        }.Build());
        Assert.Equal(("DATA", 5000L), (error.Segment, error.Offset));
    }

    [Fact]
    public void TextWithoutDelimiters_IsRefused()
    {
        var error = Refused(new HandBuiltFcs { RawText = "$TOT 2 $PAR 1 $DATATYPE I" }.Build());
        Assert.Equal(("TEXT", 58L), (error.Segment, error.Offset));
        Assert.Contains("no delimiters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TotNotFittingTheData_IsRefused()
    {
        // $TOT 3 events of 4 bytes = 12 bytes, but DATA holds 8 (and the file ends there).
        var keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", 3, ("FSC-H", 16, "1024"), ("SSC-H", 16, "1024"));
        var error = Refused(new HandBuiltFcs { Keywords = keywords, Data = new byte[8], Trailer = new byte[8] }.Build());
        Assert.Equal("DATA", error.Segment);
        Assert.Contains("$TOT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TotOfATrillionEvents_IsRefusedBeforeAllocating()
    {
        var keywords = HandBuiltFcs.ListMode("F", "4,3,2,1", 1, ("FSC-A", 32, "262144"));
        keywords[keywords.FindIndex(k => k.Item1 == "$TOT")] = ("$TOT", "1000000000000");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Refused(new HandBuiltFcs { Keywords = keywords, Data = new byte[64] }.Build());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("DATA", error.Segment);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes for a 400-byte file");
    }

    [Theory]
    [InlineData("$PAR", "0")]
    [InlineData("$PAR", "2000000000")]
    [InlineData("$DATATYPE", "X")]
    [InlineData("$P1B", "abc")]
    [InlineData("$P1B", "128")]
    [InlineData("$BYTEORD", "1,1")]
    [InlineData("$TOT", "-5")]
    public void ImpossibleKeywordValue_IsRefusedAtText(string key, string value)
    {
        var keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", 2, ("FSC-H", 16, "1024"));
        keywords[keywords.FindIndex(k => k.Item1 == key)] = (key, value);
        var error = Refused(new HandBuiltFcs { Keywords = keywords, Data = [0, 1, 0, 2] }.Build());
        Assert.Equal("TEXT", error.Segment);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("F", 32, "1,2")]
    [InlineData("F", 32, "2,1")]
    [InlineData("I", 32, "1,2")]
    [InlineData("I", 16, "1")]
    [InlineData("D", 64, "2,1")]
    public void ByteOrderShorterThanTheValues_IsRefusedAtByteord_NotDecodedAsGarbage(string dataType, int bits, string byteOrder)
    {
        var keywords = HandBuiltFcs.ListMode(dataType, byteOrder, 2, ("FSC-A", bits, "262144"));
        var error = Refused(new HandBuiltFcs { Keywords = keywords, Data = new byte[2 * bits / 8] }.Build());
        Assert.Equal("TEXT", error.Segment);
        Assert.Contains("$BYTEORD", error.Message, StringComparison.Ordinal);
        Assert.Contains(bits / 8 + "-byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FourByteOrderOnSixteenBitIntegers_IsReadAsFacsCaliburFilesWriteIt()
    {
        // FCS 2.0 instruments write the machine's 4-byte order for 2-byte values; the values are big-endian.
        var keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", 2, ("FSC-H", 16, "1024"));
        var dataSet = FcsReader.Read(new HandBuiltFcs { Keywords = keywords, Data = [0x00, 0x01, 0x03, 0x02] }.Build(), Name).DataSets[0];
        Assert.Equal([1f, 770f], dataSet.Column(0));
    }

    [Fact]
    public void ParCountSmallerThanTheEventWidth_IsRefusedAtData_WithTheSizes()
    {
        // Three float parameters were recorded (12 bytes per event) but $PAR says 2: DATA holds 1.5× what $TOT × 8 needs.
        var keywords = HandBuiltFcs.ListMode("F", "1,2,3,4", 4, ("FSC-A", 32, "262144"), ("SSC-A", 32, "262144"));
        var error = Refused(new HandBuiltFcs { Keywords = keywords, Data = new byte[4 * 12] }.Build());
        Assert.Equal("DATA", error.Segment);
        Assert.Contains("48", error.Message, StringComparison.Ordinal);
        Assert.Contains("32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataOneBytePastWhatTotNeeds_IsStillTheKnownQuirk_AndRead()
    {
        var keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", 2, ("FSC-H", 16, "1024"));
        var dataSet = FcsReader.Read(new HandBuiltFcs { Keywords = keywords, Data = [0, 1, 0, 2], TextDataOffsets = d => (d.Begin, d.End + 1), HeaderDataOffsets = d => (d.Begin, d.End + 1), Trailer = [0] }.Build(), Name).DataSets[0];
        Assert.Equal([1f, 2f], dataSet.Column(0));
        Assert.Contains(dataSet.Warnings, w => w.Contains("one byte past", StringComparison.Ordinal));
    }

    [Fact]
    public void AMillionParametersInAnEighteenMegabyteFile_AreRefusedAtPar_BeforeTheyAreAllocated()
    {
        // Every parameter is fully described ($PnB) and DATA holds one event of a million float32 values.
        const int parameters = 1_000_000;
        var keywords = new List<(string, string)> { ("$BYTEORD", "1,2,3,4"), ("$DATATYPE", "F"), ("$MODE", "L"), ("$PAR", "1000000"), ("$TOT", "1") };
        for (var n = 1; n <= parameters; n++)
        {
            keywords.Add(("$P" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "B", "32"));
        }

        var bytes = new HandBuiltFcs { Keywords = keywords, Data = new byte[4 * parameters] }.Build();
        var error = Refused(bytes);

        Assert.Equal("TEXT", error.Segment);
        Assert.Contains("$PAR", error.Message, StringComparison.Ordinal);
        Assert.Contains("10000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextSegmentLargerThan16MiB_IsRefusedBeforeItIsParsed()
    {
        var keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", 2, ("FSC-H", 16, "1024"));
        keywords.Add(("$COMMENT", new string('x', 16 << 20)));
        var error = Refused(new HandBuiltFcs { Keywords = keywords, Data = [0, 1, 0, 2] }.Build());

        Assert.Equal(("TEXT", 58L), (error.Segment, error.Offset));
        Assert.Contains("16777216", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredKeywordMissing_IsRefused()
    {
        var keywords = HandBuiltFcs.ListMode("I", "4,3,2,1", 2, ("FSC-H", 16, "1024"));
        keywords.RemoveAll(k => k.Item1 == "$P1B");
        Assert.Contains("$P1B", Refused(new HandBuiltFcs { Keywords = keywords, Data = [0, 1, 0, 2] }.Build()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FloatWithWrongWidth_IsRefused()
    {
        var keywords = HandBuiltFcs.ListMode("F", "4,3,2,1", 1, ("FSC-A", 16, "1024"));
        Assert.Equal("TEXT", Refused(new HandBuiltFcs { Keywords = keywords, Data = [0, 1] }.Build()).Segment);
    }

    [Fact]
    public void AsciiFieldNotANumber_IsRefusedAtItsByte()
    {
        var file = new HandBuiltFcs
        {
            Keywords = HandBuiltFcs.ListMode("A", "1,2,3,4", 2, ("FSC", 3, "1024")),
            Data = "12 x4 "u8.ToArray(),
        }.Build();
        var error = Refused(file);
        Assert.Equal("DATA", error.Segment);
        Assert.Equal(file.Length - 3, error.Offset);
    }

    [Fact]
    public void EveryTruncation_OfAValidFile_IsRefusedWithFcsFormatException()
    {
        var file = ValidFile();
        for (var length = 0; length < file.Length; length++)
        {
            Assert.Throws<FcsFormatException>(() => FcsReader.Read(file.AsMemory(0, length), Name));
        }
    }

    [Fact]
    public void Fcs32ParameterOfAnotherDataType_IsRefusedAtItsKeyword_NotDecodedAsFloats()
    {
        // FCS 3.2 lets $PnDATATYPE override $DATATYPE for one parameter; these two 16-bit integers would read as a float.
        var bytes = new HandBuiltFcs
        {
            Version = "3.2",
            Keywords = [.. HandBuiltFcs.ListMode("F", "4,3,2,1", 2, ("FSC-A", 32, "262144"), ("PE-A", 32, "262144")), ("$P2DATATYPE", "I")],
            Data = new byte[16],
        }.Build();

        var error = Refused(bytes);

        Assert.Equal("TEXT", error.Segment);
        Assert.Contains("$P2DATATYPE is 'I' but $DATATYPE is F", error.Message, StringComparison.Ordinal);
        Assert.Equal(Encoding.ASCII.GetString(bytes).IndexOf("$P2DATATYPE", StringComparison.Ordinal), error.Offset);
    }

    [Fact]
    public void Fcs32ParameterRestatingTheFilesDataType_IsRead()
    {
        var bytes = new HandBuiltFcs
        {
            Version = "3.2",
            Keywords = [.. HandBuiltFcs.ListMode("F", "1,2,3,4", 1, ("FSC-A", 32, "262144"), ("PE-A", 32, "262144")), ("$P2DATATYPE", "f")],
            Data = [.. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2.25f)],
        }.Build();

        var data = FcsReader.Read(bytes, Name).DataSets[0];

        Assert.Equal([1.5f, -2.25f], [data.Column(0)[0], data.Column(1)[0]]);
    }

    [Fact]
    public void RandomlyCorruptedFiles_AreReadOrRefusedButNeverCrash()
    {
        // Corrupt bytes of a valid float file (HEADER, TEXT and DATA alike); each either reads or is refused.
        var valid = new HandBuiltFcs
        {
            Keywords = [.. HandBuiltFcs.ListMode("F", "4,3,2,1", 4, ("FSC-A", 32, "262144"), ("PE-A", 32, "262144")), ("SPILL", "1,PE-A,1")],
            Data = new byte[32],
        }.Build();
        var random = new Random(20261129);
        for (var round = 0; round < 3000; round++)
        {
            var bytes = (byte[])valid.Clone();
            var changes = random.Next(1, 6);
            for (var k = 0; k < changes; k++)
            {
                bytes[random.Next(bytes.Length)] = round % 2 == 0 ? (byte)random.Next(256) : (byte)"0123456789/, $"[random.Next(14)];
            }

            try
            {
                var file = FcsReader.Read(bytes, Name);
                foreach (var dataSet in file.DataSets)
                {
                    Assert.Equal(dataSet.EventCount, dataSet.Column(0).Length);
                    _ = dataSet.HasUnreadableSpillover ? null : dataSet.Spillover;
                }
            }
            catch (FcsFormatException)
            {
            }
        }
    }

    [Fact]
    public void ReadFile_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => FcsReader.ReadFile(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.fcs")));
    }
}
