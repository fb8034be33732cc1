using System.Globalization;
using System.Text;
using CytoViability.Core.Compensation;
using CytoViability.Core.Fcs;
using CytoViability.Core.Gating;
using CytoViability.Core.Tests.Experiments;
using CytoViability.Core.Tests.Templates;

namespace CytoViability.Core.Tests.Compensation;

public sealed class CompensationTests
{
    private static readonly Lazy<FcsDataSet> Example = new(() =>
        FcsReader.ReadFile(Path.Combine(TestPaths.CorpusFcs, "whitews__FlowKit", "test_comp_example.fcs")).DataSets[0]);

    private static GatingResult EvaluateAll(FcsDataSet dataSet, CompensationMatrix? matrix = null)
    {
        // Any gate that reads a File-compensated dimension makes the strategy use the file's spillover.
        var strategy = new GatingStrategy([new RectangleGate("any", null, [new DimensionBound(new ChannelDimension(dataSet.Parameters[0].Name, CompensationReference.File), null, null)])]);
        return matrix is null ? strategy.Evaluate(dataSet) : strategy.Evaluate(EventColumns.FromDataSet(dataSet), matrix);
    }

    [Fact]
    public void FileSpillover_CompensatedValuesRemixedBySpillover_GiveBackTheDetectorValues()
    {
        var dataSet = Example.Value;
        var spill = dataSet.Spillover!;
        var result = EvaluateAll(dataSet);
        var compensated = spill.Channels.Select(channel => result.Values(new ChannelDimension(channel, CompensationReference.File))).ToArray();
        var raw = spill.Channels.Select(channel => dataSet.ScaleColumn(dataSet.FindParameter(channel))).ToArray();

        // observed detector d = Σ_f compensated_f · S[f, d] (FCS $SPILLOVER orientation), independent of how we inverted.
        for (var e = 0; e < dataSet.EventCount; e += 7)
        {
            for (var d = 0; d < spill.Size; d++)
            {
                var remixed = 0.0;
                for (var f = 0; f < spill.Size; f++)
                {
                    remixed += compensated[f][e] * spill[f, d];
                }

                Assert.True(Math.Abs(remixed - raw[d][e]) <= 1e-9 * Math.Max(1, Math.Abs(raw[d][e])), "event " + e + " detector " + spill.Channels[d]);
            }
        }
    }

    [Fact]
    public void FileSpillover_ChannelsOutsideTheMatrix_AndUncompensatedValues_StayAsRecorded()
    {
        var dataSet = Example.Value;
        var spilled = dataSet.Spillover!.Channels;
        var result = EvaluateAll(dataSet);

        foreach (var parameter in dataSet.Parameters)
        {
            var raw = dataSet.ScaleColumn(dataSet.FindParameter(parameter.Name));
            Assert.Equal(raw, result.Values(ChannelDimension.Raw(parameter.Name)));
            if (!spilled.Contains(parameter.Name))
            {
                Assert.Equal(raw, result.Values(new ChannelDimension(parameter.Name, CompensationReference.File)));
            }
        }

        Assert.True(spilled.Count < dataSet.Parameters.Count);
    }

    [Fact]
    public void TemplateMatrixCsv_WrittenFromTheFilesSpillover_CompensatesExactlyAsTheFileSpillover()
    {
        var dataSet = Example.Value;
        var spill = dataSet.Spillover!;
        var csv = new StringBuilder("," + string.Join(",", spill.Channels) + "\n");
        for (var r = 0; r < spill.Size; r++)
        {
            csv.Append(spill.Channels[r]);
            for (var c = 0; c < spill.Size; c++)
            {
                csv.Append(',').Append(spill[r, c].ToString("R", CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        using var folder = new TempFolder();
        folder.Write("matrix.csv", csv.ToString());
        var template = TemplateText.LoadValid(
            "channels:\n  X: '" + spill.Channels[0] + "'\ngates:\n  - { id: x, type: range, channel: X, min: 0 }\ncompensation: { matrix: matrix.csv }\n", folder.Path);
        var read = template.Compensation.Matrix!;

        var byFile = EvaluateAll(dataSet);
        var byCsv = EvaluateAll(dataSet, CompensationMatrix.Square("FCS", read.Detectors, read.Values));
        foreach (var channel in spill.Channels)
        {
            var dimension = new ChannelDimension(channel, CompensationReference.File);
            Assert.Equal(byFile.Values(dimension), byCsv.Values(dimension));
        }
    }

    [Fact]
    public void SingularMatrix_IsRefusedWithACompensationError()
    {
        var singular = CompensationMatrix.Square("S", ["A", "B"], new double[,] { { 1, 1 }, { 1, 1 } });
        var strategy = new GatingStrategy(
            [new RectangleGate("R", null, [new DimensionBound(new ChannelDimension("A", CompensationReference.Matrix("S")), 0, 1)])],
            matrices: new Dictionary<string, CompensationMatrix> { ["S"] = singular });

        var error = Assert.Throws<CompensationException>(() => strategy.Evaluate(EventColumns.FromArrays(["A", "B"], [[1], [2]])));
        Assert.Contains("singular", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataWithoutSpillover_FileCompensation_IsUncompensated()
    {
        var data1 = FcsReader.ReadFile(Path.Combine(TestPaths.GatingMl2, "data1.fcs")).DataSets[0];

        var result = EvaluateAll(data1);

        Assert.Null(data1.Spillover);
        Assert.Equal(data1.ScaleColumn(2), result.Values(new ChannelDimension("FL1-H", CompensationReference.File)));
    }
}
