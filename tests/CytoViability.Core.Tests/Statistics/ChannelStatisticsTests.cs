using CytoViability.Core.Statistics;
using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Tests.Statistics;

public sealed class ChannelStatisticsTests
{
    private static readonly ulong[] AllOfFive = [0b11111UL];

    [Fact]
    public void GeometricMean_ZerosAndNegatives_UsesPositiveEventsAndCountsTheRest()
    {
        float[] values = [1, 10, 100, 0, -5];

        var summary = ChannelStatistics.Compute(values, AllOfFive, display: null);

        // exp(mean(ln 1, ln 10, ln 100)) = 10^((0 + 1 + 2) / 3) = 10; 0 and -5 are left out.
        Assert.Equal(10.0, summary.GeometricMean, 12);
        Assert.Equal(2, summary.NonPositiveCount);
        Assert.Equal(5, summary.Count);
    }

    [Fact]
    public void Compute_FiveValues_MatchesHandComputedMeanMedianAndCvs()
    {
        float[] values = [1, 10, 100, 0, -5];

        var summary = ChannelStatistics.Compute(values, AllOfFive, display: null);

        // mean = 106 / 5; squared deviations from 21.2 sum to 7878.8; SD uses n − 1 = 4.
        Assert.Equal(21.2, summary.Mean, 12);
        Assert.Equal(1.0, summary.Median, 12);
        Assert.Equal(100.0 * Math.Sqrt(7878.8 / 4) / 21.2, summary.Cv, 9);

        // Sorted: -5 0 1 10 100. P15.87: h = 4·0.1587 = 0.6348 → -5 + 0.6348·5 = -1.826.
        // P84.13: h = 4·0.8413 = 3.3652 → 10 + 0.3652·90 = 42.868. Robust CV = 100·½·44.694 / 1.
        Assert.Equal(2234.7, summary.RobustCv, 6);
    }

    [Fact]
    public void Compute_OnTheCompensatedFloat64Column_NarrowsMembersToFloatAndGivesTheHandComputedValues()
    {
        // Members 0, 2, 3, 5 of six compensated values: 1.25, 3.5, 0.1 and 1e39. 1e39 is beyond float's range, so
        // narrowed it is +∞ and not an event of the distribution, like NaN (event 4 would be, but is not a member).
        double[] values = [1.25, 1000, 3.5, 0.1, double.NaN, 1e39];
        ulong[] members = [0b101101UL];

        var summary = ChannelStatistics.Compute(values, members, display: null);

        // Finite members as float: 1.25, 3.5, 0.1f (0.100000001490116...). Mean = (1.25 + 3.5 + 0.1f) / 3;
        // sorted 0.1f, 1.25, 3.5 → median 1.25.
        Assert.Equal(3, summary.Count);
        Assert.Equal((1.25 + 3.5 + (double)0.1f) / 3, summary.Mean, 15);
        Assert.Equal(1.25, summary.Median);
        Assert.Equal(Math.Exp((Math.Log(1.25) + Math.Log(3.5) + Math.Log((double)0.1f)) / 3), summary.GeometricMean, 12);
    }

    [Fact]
    public void Compute_OnFloat64AndOnTheSameValuesAsFloat_AgreeExactly()
    {
        var random = new Random(7);
        var wide = new double[1000];
        for (var i = 0; i < wide.Length; i++)
        {
            wide[i] = (random.NextDouble() * 5000) - 300;
        }

        var narrow = wide.Select(v => (float)v).ToArray();
        var members = new ulong[16];
        for (var i = 0; i < wide.Length; i += 3)
        {
            members[i >> 6] |= 1UL << i;
        }

        var fromDouble = ChannelStatistics.Compute(wide, members, display: null);
        var fromFloat = ChannelStatistics.Compute(narrow, members, display: null);

        Assert.Equal(fromFloat, fromDouble);
    }

    [Fact]
    public void Compute_Membership_UsesOnlySetBitsAndIgnoresBitsPastTheLastEvent()
    {
        var values = new float[70];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 1000;
        }

        values[3] = 2;
        values[64] = 8;
        values[69] = 32;

        // Events 3, 64 and 69 are members; bit 75 lies past the 70 events and must be ignored.
        ulong[] membership = [1UL << 3, (1UL << 0) | (1UL << 5) | (1UL << 11)];

        var summary = ChannelStatistics.Compute(values, membership, display: null);

        Assert.Equal(3, summary.Count);
        Assert.Equal(42.0 / 3, summary.Mean, 12);
        Assert.Equal(8.0, summary.Median, 12);
        Assert.Equal(8.0, summary.GeometricMean, 12); // (2·8·32)^(1/3) = 512^(1/3)
    }

    [Fact]
    public void DisplayMean_Log10Transform_IsTenToTheMeanDecade()
    {
        float[] values = [10, 1000, 100];
        var log10 = new FunctionScale(Math.Log10, y => Math.Pow(10, y));

        var summary = ChannelStatistics.Compute(values, log10);

        Assert.Equal(100.0, summary.DisplayMean, 10);
    }

    [Fact]
    public void DisplayMean_AsinhTransform_StaysDefinedWithNegativeValues()
    {
        float[] values = [-150, 150, 1500];
        var asinh = new FunctionScale(x => Math.Asinh(x / 150), y => 150 * Math.Sinh(y));

        var summary = ChannelStatistics.Compute(values, asinh);

        // asinh(-1) and asinh(1) cancel, leaving asinh(10) / 3.
        Assert.Equal(150 * Math.Sinh(Math.Asinh(10) / 3), summary.DisplayMean, 9);
        Assert.Equal(1, summary.NonPositiveCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(1000)]
    public void DisplayMean_FromTheTransformsColumnVersion_EqualsTheSumOfPerEventValues(int count)
    {
        // Logicle's column version works four events at a time; the mean of the display values must be the sum of
        // the per-event values in event order, whatever the chunking.
        var logicle = new LogicleTransform(262144, 0.5, 4.5, 0);
        var random = new Random(count);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 300_000) - 20_000);
        }

        double expected = 0;
        foreach (var value in values)
        {
            expected += logicle.Forward(value);
        }

        var summary = ChannelStatistics.Compute(values, new TemplateDisplay(logicle));

        Assert.Equal(logicle.Inverse(expected / count), summary.DisplayMean);
    }

    [Fact]
    public void Compute_EmptyPopulation_GivesNaNNotAnException()
    {
        float[] values = [1, 2, 3];

        var summary = ChannelStatistics.Compute(values, [0UL], display: null);

        Assert.Equal(0, summary.Count);
        Assert.True(double.IsNaN(summary.Mean));
        Assert.True(double.IsNaN(summary.Median));
        Assert.True(double.IsNaN(summary.GeometricMean));
        Assert.True(double.IsNaN(summary.RobustCv));
    }

    [Fact]
    public void Compute_NonFiniteValues_AreSkipped()
    {
        float[] values = [float.NaN, 4, float.PositiveInfinity, 16];

        var summary = ChannelStatistics.Compute(values, display: null);

        Assert.Equal(2, summary.Count);
        Assert.Equal(8.0, summary.GeometricMean, 12);
    }

    [Fact]
    public void Compute_SingleEvent_HasNoSdButAZeroRobustCv()
    {
        float[] values = [7];

        var summary = ChannelStatistics.Compute(values, display: null);

        Assert.True(double.IsNaN(summary.Cv));
        Assert.Equal(0.0, summary.RobustCv);
        Assert.Equal(7.0, summary.Median);
    }

    /// <summary>A display scale given by its two functions (the run's scales are the template's transforms).</summary>
    private sealed class FunctionScale(Func<double, double> forward, Func<double, double> inverse) : IDisplayTransform
    {
        public double Forward(double value) => forward(value);

        public double Inverse(double transformed) => inverse(transformed);
    }
}
