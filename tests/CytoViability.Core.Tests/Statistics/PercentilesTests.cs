using CytoViability.Core.Statistics;

namespace CytoViability.Core.Tests.Statistics;

public sealed class PercentilesTests
{
    [Theory]
    [InlineData(0.5, 2.5)] // h = 1.5 between 2 and 3
    [InlineData(0.25, 1.75)] // h = 0.75 between 1 and 2
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    [InlineData(0.1587, 1.4761)] // h = 0.4761
    [InlineData(0.8413, 3.5239)] // h = 2.5239
    public void Compute_FourValues_InterpolatesBetweenOrderStatistics(double fraction, double expected)
    {
        float[] values = [4, 1, 3, 2];

        Assert.Equal(expected, Percentiles.Compute(values, fraction), 5);
    }

    [Fact]
    public void OrderStatistics_TiedNegativeAndSignedZeroData_AgreeWithAFullSort()
    {
        var random = new Random(20261129);
        foreach (var length in new[] { 1, 2, 3, 17, 1000, 4097 })
        {
            var values = new float[length];
            for (var i = 0; i < length; i++)
            {
                // Few distinct values force many ties; -0 and +0 and negatives test the order-preserving key.
                values[i] = random.Next(0, 9) switch
                {
                    0 => -0f,
                    1 => 0f,
                    2 => -176.5f,
                    3 => 262143f,
                    var k => (k * 1.5f) - 4,
                };
            }

            var sorted = (float[])values.Clone();
            Array.Sort(sorted);
            int[] ranks = [length - 1, 0, length / 2, length / 3, length / 3];
            var found = new float[ranks.Length];

            Percentiles.OrderStatistics(values, ranks, found);

            for (var r = 0; r < ranks.Length; r++)
            {
                Assert.Equal(sorted[ranks[r]], found[r]);
            }
        }
    }

    [Fact]
    public void OrderStatistics_ValuesWithinOneBucket_AgreeWithAFullSort()
    {
        // 5000 distinct values between 1000 and 1001 share the top 16 key bits: the whole input is one bucket.
        var values = new float[5000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 1000 + (i * 7919 % 5000 / 5000f);
        }

        var sorted = (float[])values.Clone();
        Array.Sort(sorted);
        var found = new float[2];

        Percentiles.OrderStatistics(values, [1234, 4321], found);

        Assert.Equal(sorted[1234], found[0]);
        Assert.Equal(sorted[4321], found[1]);
    }

    [Fact]
    public void RobustSpread_AnySize_AgreesWithType7OnAFullSort()
    {
        var random = new Random(5);
        for (var length = 1; length <= 300; length += length < 40 ? 1 : 37)
        {
            var values = new float[length];
            for (var i = 0; i < length; i++)
            {
                values[i] = random.Next(0, 4) == 0 ? 3f : (float)(random.NextDouble() * 1000);
            }

            var sorted = (float[])values.Clone();
            Array.Sort(sorted);

            var (lower, median, upper) = Percentiles.RobustSpread(values);

            Assert.Equal(SortedType7(sorted, 0.1587), lower, 9);
            Assert.Equal(SortedType7(sorted, 0.5), median, 9);
            Assert.Equal(SortedType7(sorted, 0.8413), upper, 9);
        }
    }

    [Fact]
    public void Compute_Empty_IsNaN()
    {
        Assert.True(double.IsNaN(Percentiles.Compute([], 0.5)));
    }

    private static double SortedType7(float[] sorted, double fraction)
    {
        var h = (sorted.Length - 1) * fraction;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((h - below) * (sorted[above] - (double)sorted[below]));
    }
}
