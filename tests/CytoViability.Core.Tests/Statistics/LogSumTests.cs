using CytoViability.Core.Statistics;

namespace CytoViability.Core.Tests.Statistics;

public sealed class LogSumTests
{
    [Fact]
    public void Total_ThousandsOfValuesAcrossBlocksAndSubnormals_MatchesSummedLogarithms()
    {
        var random = new Random(11);
        var logs = new LogSum();
        double expected = 0;
        for (var i = 0; i < 5000; i++)
        {
            var value = i % 997 == 0 ? 1e-42f : (float)Math.Exp((random.NextDouble() * 30) - 5);
            logs.Add(value);
            expected += Math.Log(value);
        }

        Assert.Equal(5000, logs.Count);
        Assert.Equal(expected, logs.Total(), 1e-9 * Math.Abs(expected));
    }

    [Fact]
    public void Total_PowersOfTen_IsExactEnoughForAHandComputedGeometricMean()
    {
        var logs = new LogSum();
        logs.Add(1);
        logs.Add(10);
        logs.Add(100);

        Assert.Equal(Math.Log(1000), logs.Total(), 14);
    }
}
