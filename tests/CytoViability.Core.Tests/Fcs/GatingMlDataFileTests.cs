using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

/// <summary>
/// data1.fcs of the Gating-ML 2.0 compliance suite: FCS 2.0, CellQuest, int16 big-endian, $PnE 4,0 on the
/// fluorescence channels and $PnG on scatter. Expected values are computed by hand from the raw bytes.
/// </summary>
public sealed class GatingMlDataFileTests
{
    private static readonly FcsDataSet DataSet =
        FcsReader.ReadFile(Path.Combine(TestPaths.GatingMl2, "data1.fcs")).DataSets[0];

    [Fact]
    public void Read_FirstEvent_IsTheRawBigEndianChannelNumbers()
    {
        // Bytes at DATA start (2560): 01 43 00 DA 00 DC 01 8A 01 0B 00 05 00 B7 00 00.
        float[] expected = [323, 218, 220, 394, 267, 5, 183, 0];
        for (var c = 0; c < expected.Length; c++)
        {
            Assert.Equal(expected[c], DataSet.Column(c)[0]);
        }

        Assert.Equal(13367, DataSet.EventCount);
        Assert.Equal("2.0", DataSet.Version);
    }

    [Fact]
    public void ScaleColumn_LogChannelWithF2Zero_Is10PowerDecadesTimesChannelOverRange()
    {
        var fl1 = DataSet.FindParameter("FL1-H");
        Assert.Equal(2, fl1);
        Assert.Equal(4, DataSet.Parameters[fl1].LogDecades);
        Assert.Equal(Math.Pow(10, 4.0 * 220 / 1024), DataSet.ScaleColumn(fl1)[0]);
    }

    [Fact]
    public void ScaleColumn_LinearChannelWithGain_IsDividedByGain()
    {
        var fsc = DataSet.FindParameter("FSC-H");
        Assert.Equal(323 / 3.67, DataSet.ScaleColumn(fsc)[0]);
        Assert.Equal(218 / 8.0, DataSet.ScaleColumn(DataSet.FindParameter("SSC-H"))[0]);
    }

    [Fact]
    public void ScaleColumn_LinearChannelWithoutGain_IsTheRawValue()
    {
        Assert.Equal(5.0, DataSet.ScaleColumn(DataSet.FindParameter("FL2-A"))[0]);
    }

    [Fact]
    public void FindParameter_ByStain_FindsTheChannel()
    {
        Assert.Equal(3, DataSet.FindParameter("cd8 b pe"));
        Assert.Equal(-1, DataSet.FindParameter("CD19"));
    }

    [Fact]
    public void Keywords_CellQuestEmptyValues_ReadAsEmpty()
    {
        Assert.Equal(string.Empty, DataSet.Keywords["&5Data File Prefix Part #1"]);
        Assert.Equal("LYMPH SUBSET ACQ", DataSet.Keywords["&8Acquisition Doc."]);
        Assert.Equal(string.Empty, DataSet.Keywords["&13Analysis Doc."]);
        Assert.Equal(" FJ#192659", DataSet.Keywords["&10Patient ID"]);
    }
}
