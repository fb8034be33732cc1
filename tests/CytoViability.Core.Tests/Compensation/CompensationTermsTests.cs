using CytoViability.Core.Compensation;
using CytoViability.Core.Fcs;
using CytoViability.Core.Gating;

namespace CytoViability.Core.Tests.Compensation;

/// <summary>The one unmixing (gating, statistics and `export` use it) against matrices inverted by hand.</summary>
public sealed class CompensationTermsTests
{
    [Fact]
    public void UnmixAll_TwoByTwo_EqualsTheHandInvertedMatrixTimesTheDetectors()
    {
        // S = [[1, 0.5], [0.25, 1]]: det = 1 − 0.125 = 0.875, S⁻¹ = [[1, −0.5], [−0.25, 1]] / 0.875.
        var matrix = CompensationMatrix.Square("S", ["FITC-A", "PE-A"], new double[,] { { 1, 0.5 }, { 0.25, 1 } });
        double[] fitc = [150, 38, 0, -20, 1e5];
        double[] pe = [250, 12, 7, 3, 2e4];

        var compensated = CompensationTerms.UnmixAll(matrix, [fitc, pe]);

        for (var e = 0; e < fitc.Length; e++)
        {
            Assert.Equal(((fitc[e] * 1) + (pe[e] * -0.25)) / 0.875, compensated[0][e], 9);
            Assert.Equal(((fitc[e] * -0.5) + (pe[e] * 1)) / 0.875, compensated[1][e], 9);
        }

        // True (FITC, PE) = (100, 200) spills into the detectors as (100 + 0.25·200, 0.5·100 + 200) = (150, 250).
        Assert.Equal(100, compensated[0][0], 9);
        Assert.Equal(200, compensated[1][0], 9);
    }

    [Fact]
    public void UnmixAll_ThreeByThreeOverManyEvents_RecoversTheTrueAmountsInTheVectorAndScalarLoops()
    {
        // 3×3 spillover whose inverse, by cofactors: det = 1·(1 − 0.015) − 0.2·(0.1 − 0) + 0 = 0.965;
        // S⁻¹ = adj(S)/det with adj(S) = [[0.985, −0.2, 0.06], [−0.1, 1, −0.3], [0.005, −0.05, 0.98]].
        double[,] spill = { { 1, 0.2, 0 }, { 0.1, 1, 0.3 }, { 0, 0.05, 1 } };
        double[,] adjugate = { { 0.985, -0.2, 0.06 }, { -0.1, 1, -0.3 }, { 0.005, -0.05, 0.98 } };
        var matrix = CompensationMatrix.Square("S", ["A", "B", "C"], spill);

        // 101 events: three 32-event vector steps and a scalar remainder of five.
        const int events = 101;
        var truth = new double[3][];
        var detectors = new double[3][];
        for (var f = 0; f < 3; f++)
        {
            truth[f] = new double[events];
            detectors[f] = new double[events];
        }

        for (var e = 0; e < events; e++)
        {
            truth[0][e] = 1000 + (37 * e);
            truth[1][e] = 500 - (11 * e);
            truth[2][e] = 20 * (e % 7);
            for (var d = 0; d < 3; d++)
            {
                detectors[d][e] = (truth[0][e] * spill[0, d]) + (truth[1][e] * spill[1, d]) + (truth[2][e] * spill[2, d]);
            }
        }

        var compensated = CompensationTerms.UnmixAll(matrix, detectors);

        for (var e = 0; e < events; e++)
        {
            for (var f = 0; f < 3; f++)
            {
                var byHand = ((detectors[0][e] * adjugate[0, f]) + (detectors[1][e] * adjugate[1, f]) + (detectors[2][e] * adjugate[2, f])) / 0.965;
                Assert.Equal(byHand, compensated[f][e], 9);
                Assert.Equal(truth[f][e], compensated[f][e], 8);
            }
        }
    }

    [Fact]
    public void Unmix_IntoAnOffsetOfTheOutput_WritesOnlyThoseEvents()
    {
        var matrix = CompensationMatrix.Square("S", ["A", "B"], new double[,] { { 1, 0.5 }, { 0.25, 1 } });
        double[] a = [150, 150, 150];
        double[] b = [250, 250, 250];
        var terms = new CompensationTerms(matrix, [a, b], [1]);
        var output = new[] { new double[] { -1, -1, -1, -1, -1 } };

        terms.Unmix(1, 2, output, outputFirst: 3);

        Assert.Equal([-1, -1, -1, 200, 200], output[0].Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void Gating_OfAFileReadBlockByBlock_KeepsTheEventsWhoseTrueAmountIsAboveTheBound()
    {
        // 40,000 events: two whole gating blocks of 16,384 and a partial one. True PE alternates between 400 and 3,000
        // (every third event bright); FITC spills 50 % into PE, so uncompensated PE would put every event with
        // FITC ≥ 3,200 above a bound at 1,500, compensated PE only the bright ones.
        const int events = 40_000;
        var fsc = new float[events];
        var fitc = new float[events];
        var pe = new float[events];
        var bright = new bool[events];
        for (var e = 0; e < events; e++)
        {
            bright[e] = e % 3 == 0;
            var truePe = bright[e] ? 3000f : 400f;
            var trueFitc = 200f + (e % 50 * 100f);
            fsc[e] = 50000;
            fitc[e] = trueFitc;
            pe[e] = (0.5f * trueFitc) + truePe;
        }

        var path = Path.Combine(Path.GetTempPath(), "cv-block-" + Guid.NewGuid().ToString("N") + ".fcs");
        try
        {
            FcsWriter.WriteFile(path, new FcsWriteDataSet(
                [new FcsWriteParameter("FSC-A", null, 262144), new FcsWriteParameter("FITC-A", null, 262144), new FcsWriteParameter("PE-A", null, 262144)],
                [fsc, fitc, pe],
                [new("SPILL", "2,FITC-A,PE-A,1,0.5,0,1")]));
            var dataSet = FcsReader.ReadFile(path).DataSets[0];
            var bound = new DimensionBound(new ChannelDimension("PE-A", CompensationReference.File), 1500, null);
            var strategy = new GatingStrategy([new RectangleGate("pe", null, [bound])]);

            var result = strategy.Evaluate(EventColumns.FromDataSet(dataSet), CompensationMatrix.FromSpillover(dataSet.Spillover!));

            var members = result.Membership("pe");
            for (var e = 0; e < events; e++)
            {
                Assert.True(members.IsSet(e) == bright[e], "event " + e);
            }

            var compensated = result.Values(new ChannelDimension("PE-A", CompensationReference.File));
            Assert.Equal(3000, compensated[0], 6);
            Assert.Equal(400, compensated[events - 2], 6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0, 101)]
    [InlineData(7, 200)]
    [InlineData(5, 64)]
    [InlineData(3, 31)]
    public void Unmix_FromFloatColumns_EqualsTheDetectorOrderSumOfWidenedValuesBitForBit(int first, int count)
    {
        // Detector C spills into nothing and nothing into it: its weights in the other outputs are exactly 0, so a
        // NaN there must not reach them. The reference is the sum written out in detector order, in float64.
        double[,] spill = { { 1, 0.2, 0 }, { 0.1, 1, 0 }, { 0, 0, 1 } };
        var matrix = CompensationMatrix.Square("S", ["A", "B", "C"], spill);
        var unmixing = matrix.Unmixing();
        var random = new Random(first + count);
        var floats = new float[3][];
        for (var d = 0; d < 3; d++)
        {
            floats[d] = new float[first + count];
            for (var e = 0; e < floats[d].Length; e++)
            {
                floats[d][e] = (float)((random.NextDouble() * 270_000) - 5_000);
            }
        }

        floats[2][first + (count / 2)] = float.NaN;
        var outputs = new[] { new double[count + 2], new double[count + 2] };
        var terms = new CompensationTerms(matrix, floats, [0, 1]);

        terms.Unmix(first, count, outputs, 2);

        for (var e = 0; e < count; e++)
        {
            for (var f = 0; f < 2; f++)
            {
                var byHand = 0.0;
                for (var d = 0; d < 3; d++)
                {
                    if (unmixing[d, f] != 0)
                    {
                        byHand += (double)floats[d][first + e] * unmixing[d, f];
                    }
                }

                Assert.True(double.IsFinite(outputs[f][2 + e]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(byHand), BitConverter.DoubleToInt64Bits(outputs[f][2 + e]));
            }
        }

        Assert.Equal(0, outputs[0][0]);
        Assert.Equal(0, outputs[1][1]);
    }
}
