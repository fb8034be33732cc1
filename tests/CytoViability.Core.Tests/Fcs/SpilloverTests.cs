using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

public sealed class SpilloverTests
{
    private static FcsDataSet WithKeyword(string key, string value)
    {
        var keywords = HandBuiltFcs.ListMode("F", "4,3,2,1", 1, ("FITC-A", 32, "262144"), ("PE-A", 32, "262144"));
        keywords.Add((key, value));
        return FcsReader.Read(new HandBuiltFcs { Keywords = keywords, Data = new byte[8] }.Build(), "spill.fcs").DataSets[0];
    }

    [Theory]
    [InlineData("$SPILLOVER")]
    [InlineData("SPILL")]
    [InlineData("spillover")]
    public void Spillover_EachKeywordName_GivesTheRowMajorMatrix(string key)
    {
        var matrix = WithKeyword(key, "2,FITC-A,PE-A,1,0.25,0.02,1").Spillover!;
        Assert.Equal(["FITC-A", "PE-A"], matrix.Channels);
        Assert.Equal(2, matrix.Size);
        Assert.Equal(0.25, matrix[0, 1]);
        Assert.Equal(0.02, matrix[1, 0]);
        Assert.Equal(1, matrix[1, 1]);
        Assert.False(matrix.IsIdentity);
    }

    [Fact]
    public void Spillover_Absent_IsNull()
    {
        Assert.Null(WithKeyword("$CYT", "FACSCantoII").Spillover);
    }

    [Fact]
    public void Spillover_DecimalCommaInEveryValue_IsRepairedAndWarned()
    {
        // A European-locale FACSDiva PC: 1,0 / 0,25 / 0,02 / 1,0 inside the comma-separated list.
        var dataSet = WithKeyword("SPILL", "2,FITC-A,PE-A,1,0,0,25,0,02,1,0");
        var matrix = dataSet.Spillover!;
        Assert.Equal(1.0, matrix[0, 0]);
        Assert.Equal(0.25, matrix[0, 1]);
        Assert.Equal(0.02, matrix[1, 0]);
        Assert.Equal(1.0, matrix[1, 1]);
        Assert.Contains(dataSet.Warnings, w => w.Contains("decimal commas", StringComparison.Ordinal));
    }

    [Fact]
    public void Spillover_DecimalCommaInSomeValues_IsRefusedNotGuessed()
    {
        // "1" written without a fraction next to "0,25": 6 numbers for 4 values cannot be split unambiguously.
        var dataSet = WithKeyword("SPILL", "2,FITC-A,PE-A,1,0,25,0,02,1");
        Assert.True(dataSet.HasUnreadableSpillover);
        var error = Assert.Throws<FcsFormatException>(() => dataSet.Spillover);
        Assert.Equal("TEXT", error.Segment);
        Assert.Contains("SPILL", error.Message, StringComparison.Ordinal);
        Assert.Contains("ambiguous", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, dataSet.EventCount);
    }

    [Fact]
    public void Spillover_CountNotANumber_IsRefused()
    {
        Assert.Throws<FcsFormatException>(() => WithKeyword("$SPILLOVER", "two,FITC-A,PE-A").Spillover);
    }
}
