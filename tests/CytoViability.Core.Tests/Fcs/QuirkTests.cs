using System.Text;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

/// <summary>What real instruments do to TEXT and offsets, each on a small file built byte by byte.</summary>
public sealed class QuirkTests
{
    private static readonly byte[] TwoEventsInt16 = [0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04];

    private static List<(string, string)> TwoChannels() =>
        HandBuiltFcs.ListMode("I", "4,3,2,1", 2, ("FSC-H", 16, "1024"), ("SSC-H", 16, "1024"));

    private static FcsDataSet Read(HandBuiltFcs file) => FcsReader.Read(file.Build(), "quirk.fcs").DataSets[0];

    private static void AssertTwoEvents(FcsDataSet dataSet)
    {
        Assert.Equal([1f, 3f], dataSet.Column(0));
        Assert.Equal([2f, 4f], dataSet.Column(1));
    }

    [Fact]
    public void Text_DoubledDelimiterInValue_IsALiteralDelimiter()
    {
        var keywords = TwoChannels();
        keywords.Add(("$COM", "a//b"));
        keywords.Add(("TUBE NAME", "//leading"));
        var dataSet = Read(new HandBuiltFcs { Keywords = keywords, Data = TwoEventsInt16 });
        Assert.Equal("a/b", dataSet.Keywords["$COM"]);
        Assert.Equal("/leading", dataSet.Keywords["TUBE NAME"]);
        AssertTwoEvents(dataSet);
    }

    [Theory]
    [InlineData("a//b//c", "a/b/c")]
    [InlineData("end//", "end/")]
    [InlineData("//", "/")]
    [InlineData("////", "//")]
    [InlineData("x////y", "x//y")]
    public void Text_EveryDoubledDelimiterInAValue_IsOneLiteralDelimiter(string written, string read)
    {
        var keywords = TwoChannels();
        keywords.Add(("$COM", written));
        keywords.Add(("$SRC", "after"));
        var dataSet = Read(new HandBuiltFcs { Keywords = keywords, Data = TwoEventsInt16 });
        Assert.Equal(read, dataSet.Keywords["$COM"]);
        Assert.Equal("after", dataSet.Keywords["$SRC"]);
        AssertTwoEvents(dataSet);
    }

    [Fact]
    public void Text_EmptyValueAsTwoDelimiters_IsReadAsEmptyAndWarned()
    {
        // CellQuest: \$P1S\\$P2S\SSC\ = $P1S empty, $P2S = "SSC".
        var keywords = TwoChannels();
        keywords.Add(("$P1S", string.Empty));
        keywords.Add(("$P2S", "SSC"));
        var dataSet = Read(new HandBuiltFcs { Delimiter = '\\', Keywords = keywords, Data = TwoEventsInt16 });
        Assert.Equal(string.Empty, dataSet.Keywords["$P1S"]);
        Assert.Null(dataSet.Parameters[0].Stain);
        Assert.Equal("SSC", dataSet.Parameters[1].Stain);
        Assert.Contains(dataSet.Warnings, w => w.Contains("empty value", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_AnyDelimiterByte_IsAccepted()
    {
        var dataSet = Read(new HandBuiltFcs { Delimiter = '\f', Keywords = TwoChannels(), Data = TwoEventsInt16 });
        AssertTwoEvents(dataSet);
    }

    [Fact]
    public void Text_MissingFinalDelimiter_IsTolerated()
    {
        var raw = "$BYTEORD/4,3,2,1/$DATATYPE/I/$PAR/1/$TOT/2/$P1N/FSC-H/$P1B/16/$P1R/1024/$CYT/FACSCalibur";
        var file = new HandBuiltFcs { RawText = raw, Data = [0x00, 0x07, 0x00, 0x08] }.Build();
        var dataSet = FcsReader.Read(file, "nofinal").DataSets[0];
        Assert.Equal("FACSCalibur", dataSet.Keywords["$CYT"]);
        Assert.Equal([7f, 8f], dataSet.Column(0));
        Assert.Contains(dataSet.Warnings, w => w.Contains("no final delimiter", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_MissingFinalDelimiter_AfterALiteralDelimiter_KeepsTheValueWhole()
    {
        var raw = "$BYTEORD/4,3,2,1/$DATATYPE/I/$PAR/1/$TOT/2/$P1N/FSC-H/$P1B/16/$P1R/1024/$CYT/FACS//Calibur";
        var file = new HandBuiltFcs { RawText = raw, Data = [0x00, 0x07, 0x00, 0x08] }.Build();
        var dataSet = FcsReader.Read(file, "nofinal").DataSets[0];
        Assert.Equal("FACS/Calibur", dataSet.Keywords["$CYT"]);
        Assert.Contains(dataSet.Warnings, w => w.Contains("no final delimiter", StringComparison.Ordinal));
    }

    [Fact]
    public void Keywords_KeepCaseAndDollarInFileOrder_LookUpIgnoresCase()
    {
        var keywords = TwoChannels();
        keywords.Add(("Tube Name", "B12"));
        var dataSet = Read(new HandBuiltFcs { Keywords = keywords, Data = TwoEventsInt16 });
        Assert.Equal("$BEGINDATA", dataSet.Keywords[0].Key);
        Assert.Equal("Tube Name", dataSet.Keywords[^1].Key);
        Assert.Equal("B12", dataSet.Keywords["TUBE NAME"]);
        Assert.True(dataSet.Keywords.TryGetValue("$tot", out var total));
        Assert.Equal("2", total);
        Assert.Null(dataSet.Keywords["$FIL"]);
    }

    [Fact]
    public void Keywords_Repeated_FirstValueAnswersAndWarns()
    {
        var keywords = TwoChannels();
        keywords.Add(("$VOL", "10"));
        keywords.Add(("$VOL", "20"));
        var dataSet = Read(new HandBuiltFcs { Keywords = keywords, Data = TwoEventsInt16 });
        Assert.Equal("10", dataSet.Keywords["$VOL"]);
        Assert.Equal(2, dataSet.Keywords.Count(k => k.Key == "$VOL"));
        Assert.Contains(dataSet.Warnings, w => w.Contains("$VOL", StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_MissingPnN_NamedByNumberAndWarned()
    {
        var keywords = TwoChannels();
        keywords.RemoveAll(k => k.Item1 == "$P2N");
        var dataSet = Read(new HandBuiltFcs { Keywords = keywords, Data = TwoEventsInt16 });
        Assert.Equal("P2", dataSet.Parameters[1].Name);
        Assert.Contains(dataSet.Warnings, w => w.Contains("no $PnN", StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_ExposeEveryPnKeyword()
    {
        var keywords = TwoChannels();
        keywords.AddRange([("$P1S", "CD19"), ("$P1G", "2.5"), ("$P1V", "495"), ("$P2E", "4,0")]);
        keywords.RemoveAll(k => k == ("$P2E", "0,0"));
        var dataSet = Read(new HandBuiltFcs { Keywords = keywords, Data = TwoEventsInt16 });
        Assert.Equal(new FcsParameter(1, "FSC-H", "CD19", 1024, 16, 0, 0, 2.5, 495), dataSet.Parameters[0]);
        Assert.Equal(new FcsParameter(2, "SSC-H", null, 1024, 16, 4, 1, null, null), dataSet.Parameters[1]);
    }

    [Fact]
    public void Header_ZeroPaddedOffsets_AreRead()
    {
        AssertTwoEvents(Read(new HandBuiltFcs { ZeroPaddedHeader = true, Keywords = TwoChannels(), Data = TwoEventsInt16 }));
    }

    [Fact]
    public void Header_DataOffsetsZero_BeginDataInTextIsUsed()
    {
        var dataSet = Read(new HandBuiltFcs { ZeroDataOffsetsInHeader = true, Keywords = TwoChannels(), Data = TwoEventsInt16 });
        AssertTwoEvents(dataSet);
        Assert.Empty(dataSet.Warnings);
    }

    [Fact]
    public void Data_EndOffsetOneBytePastTheData_ReadsTotEventsAndWarns()
    {
        var dataSet = Read(new HandBuiltFcs
        {
            Keywords = TwoChannels(),
            Data = TwoEventsInt16,
            Trailer = [0x00],
            HeaderDataOffsets = d => (d.Begin, d.End + 1),
            TextDataOffsets = d => (d.Begin, d.End + 1),
        });
        AssertTwoEvents(dataSet);
        Assert.Contains(dataSet.Warnings, w => w.Contains("one byte past", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_HeaderAndTextDisagree_TheReadingConsistentWithTotWins()
    {
        // HEADER points 4 bytes early (into TEXT); TEXT is right.
        var dataSet = Read(new HandBuiltFcs
        {
            Keywords = TwoChannels(),
            Data = TwoEventsInt16,
            HeaderDataOffsets = d => (d.Begin - 4, d.End),
        });
        AssertTwoEvents(dataSet);
        Assert.Contains(dataSet.Warnings, w => w.Contains("disagree", StringComparison.Ordinal) && w.Contains("used TEXT", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_TextOffsetsWrongHeaderRight_HeaderWins()
    {
        var dataSet = Read(new HandBuiltFcs
        {
            Keywords = TwoChannels(),
            Data = TwoEventsInt16,
            Trailer = new byte[16],
            TextDataOffsets = d => (d.Begin + 2, d.End + 2),
        });
        AssertTwoEvents(dataSet);
        Assert.Contains(dataSet.Warnings, w => w.Contains("used HEADER", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_HeaderRangeOverlappingText_IsNeverUsed()
    {
        // HEADER's range has the right length but starts inside TEXT; only TEXT's range is clear of it.
        var dataSet = Read(new HandBuiltFcs
        {
            Keywords = TwoChannels(),
            Data = TwoEventsInt16,
            HeaderDataOffsets = d => (d.Begin - 8, d.End - 8),
        });
        AssertTwoEvents(dataSet);
    }

    [Fact]
    public void Mode_Histogram_IsRefusedWithAClearError()
    {
        var keywords = TwoChannels();
        keywords[keywords.FindIndex(k => k.Item1 == "$MODE")] = ("$MODE", "U");
        var error = Assert.Throws<FcsFormatException>(() => Read(new HandBuiltFcs { Keywords = keywords, Data = TwoEventsInt16 }));
        Assert.Equal("TEXT", error.Segment);
        Assert.Contains("$MODE is 'U'", error.Message, StringComparison.Ordinal);
        Assert.Contains("quirk.fcs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SupplementalText_KeywordsAreAdded()
    {
        var stext = Encoding.ASCII.GetBytes("/$SRC/donor 7/PLATE NAME/p1/");
        var withOffsets = new HandBuiltFcs
        {
            Keywords = [.. TwoChannels(), ("$BEGINSTEXT", "0000"), ("$ENDSTEXT", "0000")],
            Data = TwoEventsInt16,
            Trailer = stext,
        };
        var bytes = withOffsets.Build();
        var stextBegin = bytes.Length - stext.Length;
        var patched = Encoding.Latin1.GetString(bytes)
            .Replace("$BEGINSTEXT/0000/", $"$BEGINSTEXT/{stextBegin,-4}/", StringComparison.Ordinal)
            .Replace("$ENDSTEXT/0000/", $"$ENDSTEXT/{bytes.Length - 1,-4}/", StringComparison.Ordinal);
        Assert.Equal(bytes.Length, patched.Length);

        var dataSet = FcsReader.Read(Encoding.Latin1.GetBytes(patched), "stext").DataSets[0];
        Assert.Equal("donor 7", dataSet.Keywords["$SRC"]);
        Assert.Equal("p1", dataSet.Keywords["PLATE NAME"]);
        AssertTwoEvents(dataSet);
    }

    [Fact]
    public void NextData_TwoDataSets_BothAreRead()
    {
        var second = new HandBuiltFcs
        {
            Keywords = HandBuiltFcs.ListMode("F", "1,2,3,4", 1, ("FSC-A", 32, "262144")),
            Data = BitConverter.GetBytes(12.5f),
        }.Build();
        var firstWithPlaceholder = new HandBuiltFcs { Keywords = [.. TwoChannels().Where(k => k.Item1 != "$NEXTDATA"), ("$NEXTDATA", "00000000")], Data = TwoEventsInt16 }.Build();
        var next = firstWithPlaceholder.Length.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        var first = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(firstWithPlaceholder).Replace("$NEXTDATA/00000000/", $"$NEXTDATA/{next}/", StringComparison.Ordinal));

        byte[] both = [.. first, .. second];
        var file = FcsReader.Read(both, "two.lmd");
        Assert.Equal(2, file.DataSets.Count);
        AssertTwoEvents(file.DataSets[0]);
        Assert.Equal([12.5f], file.DataSets[1].Column(0));
        Assert.Equal(first.Length, file.DataSets[1].Offsets.DataSetStart);

        var onlyFirst = FcsReader.Read(both, "two.lmd", new FcsReadOptions { FirstDataSetOnly = true });
        Assert.Single(onlyFirst.DataSets);
    }

    [Fact]
    public void KeywordsOnly_ReadsParametersWithoutEvents()
    {
        var dataSet = FcsReader.Read(new HandBuiltFcs { Keywords = TwoChannels(), Data = TwoEventsInt16 }.Build(), "k",
            new FcsReadOptions { KeywordsOnly = true }).DataSets[0];
        Assert.False(dataSet.HasEvents);
        Assert.Equal(2, dataSet.EventCount);
        Assert.Throws<InvalidOperationException>(() => dataSet.Column(0));
    }

    [Fact]
    public void ZeroEvents_WrittenAndRead_GiveEmptyColumns()
    {
        using var stream = new MemoryStream();
        FcsWriter.Write(stream, new FcsWriteDataSet([new FcsWriteParameter("FSC-A", null, 262144)], [[]], []));
        var dataSet = FcsReader.Read(stream.ToArray(), "empty").DataSets[0];
        Assert.Equal(0, dataSet.EventCount);
        Assert.Empty(dataSet.Column(0));
    }
}
