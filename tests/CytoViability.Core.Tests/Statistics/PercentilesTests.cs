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
    public void Select_RandomAndTiedData_AgreesWithAFullSort()
    {
        var random = new Random(20261129);
        foreach (var length in new[] { 1, 2, 3, 17, 1000, 4097 })
        {
            var values = new float[length];
            for (var i = 0; i < length; i++)
            {
                // Few distinct values force many ties, the case where a partition can go wrong.
                values[i] = random.Next(0, 7) * 1.5f;
            }

            var sorted = (float[])values.Clone();
            Array.Sort(sorted);
            foreach (var k in new[] { 0, length / 3, length / 2, length - 1 })
            {
                var work = (float[])values.Clone();
                Assert.Equal(sorted[k], Percentiles.Select(work, k));
            }
        }
    }

    [Fact]
    public void Select_SortedAndReversedInput_AgreesWithAFullSort()
    {
        var ascending = new float[5000];
        for (var i = 0; i < ascending.Length; i++)
        {
            ascending[i] = i;
        }

        var descending = (float[])ascending.Clone();
        Array.Reverse(descending);

        Assert.Equal(1234f, Percentiles.Select((float[])ascending.Clone(), 1234));
        Assert.Equal(1234f, Percentiles.Select(descending, 1234));
    }

    [Fact]
    public void Compute_Empty_IsNaN()
    {
        Assert.True(double.IsNaN(Percentiles.Compute([], 0.5)));
    }
}
