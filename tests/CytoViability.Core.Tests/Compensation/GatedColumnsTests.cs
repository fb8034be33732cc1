using CytoViability.Core.Compensation;
using CytoViability.Core.Gating;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Tests.Compensation;

/// <summary>
/// The whole columns statistics read after gating (compensated, scale and ratio values) against values computed here
/// by hand, for a file small enough that gating keeps what it computes block by block, and for one too large for that.
/// </summary>
public sealed class GatedColumnsTests
{
    // Spillover of fluorochrome row into detector column; its inverse by hand: 1 / (1 − 0.2·0.1) · [[1, −0.2], [−0.1, 1]].
    private static readonly double[,] Spillover = { { 1, 0.2 }, { 0.1, 1 } };

    [Theory]
    [InlineData(1_000)]
    [InlineData(DimensionStore.WholeColumnEvents)]
    [InlineData(DimensionStore.WholeColumnEvents + 5_000)]
    public void ColumnsReadAfterGating_AreTheHandComputedValues(int eventCount)
    {
        var (x, y) = Detectors(eventCount);
        var events = BlockReadColumns(x, y);
        var matrix = CompensationMatrix.Square("FCS", ["X", "Y"], Spillover);
        var strategy = PositiveThenRatio(CompensationReference.Uncompensated);

        var result = strategy.Evaluate(events, matrix);

        var compensatedX = result.Values(new ChannelDimension("X", CompensationReference.File));
        var compensatedY = result.Values(new ChannelDimension("Y", CompensationReference.File));
        var rawX = result.Values(ChannelDimension.Raw("X"));
        var ratio = result.Values(new RatioDimension("x_per_y", CompensationReference.Uncompensated));
        var determinant = 1 - (0.2 * 0.1);
        // Events within rounding of the gate's bound may fall either side of it: counted apart.
        var positive = 0;
        var inRatio = 0;
        var onBound = 0;
        for (var e = 0; e < eventCount; e++)
        {
            var expectedX = ((x[e] * 1) + (y[e] * -0.1)) / determinant;
            var expectedY = ((x[e] * -0.2) + (y[e] * 1)) / determinant;
            Assert.True(Math.Abs(compensatedX[e] - expectedX) <= 1e-9 * Math.Max(1, Math.Abs(expectedX)), "X of event " + e);
            Assert.True(Math.Abs(compensatedY[e] - expectedY) <= 1e-9 * Math.Max(1, Math.Abs(expectedY)), "Y of event " + e);
            Assert.Equal(x[e], rawX[e]);
            Assert.Equal(x[e] / y[e], ratio[e]);
            if (Math.Abs(expectedX) < 1e-6)
            {
                onBound++;
            }
            else if (expectedX > 0)
            {
                positive++;
                inRatio += x[e] / y[e] is >= 0.5 and < 2 ? 1 : 0;
            }
        }

        Assert.InRange(result.Count("positive"), positive, positive + onBound);
        Assert.InRange(result.Count("ratio"), inRatio, inRatio + onBound);
        Assert.True(onBound < eventCount / 100);
        Assert.InRange(positive, eventCount / 4, eventCount - (eventCount / 4));
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(DimensionStore.WholeColumnEvents + 5_000)]
    [InlineData((4 * DimensionStore.WholeColumnEvents) + 3)]
    public void CompensatedColumnsAndRatiosReadAfterGating_ReadNoDetectorValueAgain_WhateverTheFilesSize(int eventCount)
    {
        var (x, y) = Detectors(eventCount);
        var blockReads = 0;
        var wholeReads = 0;
        double[][] columns = [x, y];
        var events = new EventColumns(
            eventCount,
            ["X", "Y"],
            [null, null],
            index =>
            {
                wholeReads++;
                return (double[])columns[index].Clone();
            },
            (index, first, destination) =>
            {
                blockReads++;
                columns[index].AsSpan(first, destination.Length).CopyTo(destination);
            });
        var matrix = CompensationMatrix.Square("FCS", ["X", "Y"], Spillover);
        var strategy = PositiveThenRatio(CompensationReference.File);

        var result = strategy.Evaluate(events, matrix);
        var readWhileGating = blockReads;
        var compensatedX = result.Values(new ChannelDimension("X", CompensationReference.File));
        var compensatedY = result.Values(new ChannelDimension("Y", CompensationReference.File));
        var ratio = result.Values(new RatioDimension("x_per_y", CompensationReference.File));

        // Each detector was read once, block by block, while gating: one read per detector and block.
        var blocks = (eventCount + DimensionStore.BlockEvents - 1) / DimensionStore.BlockEvents;
        Assert.Equal(2 * blocks, readWhileGating);
        Assert.Equal(readWhileGating, blockReads);
        Assert.Equal(0, wholeReads);
        var determinant = 1 - (0.2 * 0.1);
        for (var e = 0; e < eventCount; e++)
        {
            var expectedX = ((x[e] * 1) + (y[e] * -0.1)) / determinant;
            var expectedY = ((x[e] * -0.2) + (y[e] * 1)) / determinant;
            if (Math.Abs(compensatedX[e] - expectedX) > 1e-9 * Math.Max(1, Math.Abs(expectedX))
                || Math.Abs(compensatedY[e] - expectedY) > 1e-9 * Math.Max(1, Math.Abs(expectedY))
                || !ratio[e].Equals(compensatedX[e] / compensatedY[e]))
            {
                Assert.Fail("event " + e + ": " + compensatedX[e] + ", " + compensatedY[e] + ", ratio " + ratio[e]);
            }
        }
    }

    [Fact]
    public void EqualMatrices_ShareTheirInverse_AndAnotherMatrixOfTheSameShapeGetsItsOwn()
    {
        var first = CompensationMatrix.Square("A", ["X", "Y"], Spillover);
        var equal = CompensationMatrix.Square("B", ["P", "Q"], (double[,])Spillover.Clone());
        var other = CompensationMatrix.Square("A", ["X", "Y"], new double[,] { { 1, 0.3 }, { 0.05, 1 } });

        AssertInverse(first.Unmixing(), 1, 0.2, 0.1, 1);
        AssertInverse(other.Unmixing(), 1, 0.3, 0.05, 1);
        AssertInverse(equal.Unmixing(), 1, 0.2, 0.1, 1);
    }

    private static void AssertInverse(double[,] inverse, double a, double b, double c, double d)
    {
        var determinant = (a * d) - (b * c);
        double[,] expected = { { d / determinant, -b / determinant }, { -c / determinant, a / determinant } };
        for (var row = 0; row < 2; row++)
        {
            for (var column = 0; column < 2; column++)
            {
                Assert.Equal(expected[row, column], inverse[row, column], 12);
            }
        }
    }

    /// <summary>X (compensated) above 0, then the X/Y ratio (compensated as <paramref name="ratioCompensation"/> says) in [0.5, 2).</summary>
    private static GatingStrategy PositiveThenRatio(CompensationReference ratioCompensation) => new(
        [
            new RectangleGate("positive", null, [new DimensionBound(new ChannelDimension("X", CompensationReference.File), 0, null)]),
            new RectangleGate("ratio", "positive", [new DimensionBound(new RatioDimension("x_per_y", ratioCompensation), 0.5, 2)]),
        ],
        ratios: new Dictionary<string, RatioTransform> { ["x_per_y"] = new("X", "Y", 1, 0, 0) });

    /// <summary>Detector values spread over negative and positive compensated values, deterministic per event.</summary>
    private static (double[] X, double[] Y) Detectors(int eventCount)
    {
        var x = new double[eventCount];
        var y = new double[eventCount];
        var state = 0x2545F4914F6CDD1DUL;
        for (var e = 0; e < eventCount; e++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            x[e] = (state % 20_000) - 5_000.0;
            y[e] = ((state >> 20) % 20_000) + 1.0;
        }

        return (x, y);
    }

    /// <summary>Columns read block by block as a data set's are, so gating does not find them whole in memory.</summary>
    private static EventColumns BlockReadColumns(double[] x, double[] y)
    {
        double[][] columns = [x, y];
        return new EventColumns(
            x.Length,
            ["X", "Y"],
            [null, null],
            index => (double[])columns[index].Clone(),
            (index, first, destination) => columns[index].AsSpan(first, destination.Length).CopyTo(destination));
    }
}
