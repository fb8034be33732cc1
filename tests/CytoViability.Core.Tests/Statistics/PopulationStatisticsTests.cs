using CytoViability.Core.Statistics;

namespace CytoViability.Core.Tests.Statistics;

public sealed class PopulationStatisticsTests
{
    [Fact]
    public void Count_BitsPastTheEventCount_AreNotCounted()
    {
        // 70 events: word 0 full (64 events), word 1 holds events 64..69; bits 6..63 of word 1 are padding.
        ulong[] membership = [ulong.MaxValue, ulong.MaxValue];

        Assert.Equal(70, PopulationStatistics.Count(membership, 70));
        Assert.Equal(64, PopulationStatistics.Count(membership, 64));
    }

    [Fact]
    public void Compute_PopulationOfParent_GivesPercentOfParentAndOfTotal()
    {
        ulong[] parent = [0b1111_1111UL]; // 8 events
        ulong[] population = [0b0000_0111UL]; // 3 events

        var counts = PopulationStatistics.Compute(population, parent, eventCount: 10);

        Assert.Equal(3, counts.Count);
        Assert.Equal(8, counts.ParentCount);
        Assert.Equal(10, counts.TotalCount);
        Assert.Equal(37.5, counts.PercentParent);
        Assert.Equal(30.0, counts.PercentTotal);
    }

    [Fact]
    public void PercentParent_EmptyParent_IsNaN()
    {
        var counts = PopulationStatistics.Compute([0UL], [0UL], eventCount: 5);

        Assert.True(double.IsNaN(counts.PercentParent));
        Assert.Equal(0.0, counts.PercentTotal);
    }

    [Fact]
    public void EdgeEventCounts_SaturatedAndFlooredEvents_AreCountedAgainstPnR()
    {
        float[] values = [262143, 262143, 5000, 0, 0, 0, 12, float.NaN];

        var edges = EdgeEventCounts.Compute(values, range: 262144);

        Assert.Equal(7, edges.EventCount);
        Assert.Equal(2, edges.AtMaximum);
        Assert.Equal(3, edges.AtMinimum);
        Assert.Equal(2.0 / 7, edges.FractionAtMaximum, 12);
    }
}
