using CytoViability.Core.Placement;

namespace CytoViability.Core.Tests.Placement;

public sealed class MainClusterTests
{
    private static readonly Mixture CellsAndDebris = new(new Component(0.7, 0.45, 0.06), new Component(0.3, 0.15, 0.04));

    [Fact]
    public void The_main_cell_cluster_is_found_at_the_highest_point_of_the_true_density()
    {
        var truth = CellsAndDebris.HighestBetween(0.3, 0.6);

        var mode = MainCluster.Mode(CellsAndDebris.Histogram(100_000, 81));

        Assert.True(mode.Succeeded, mode.Reason);
        Assert.InRange(mode.Position!.Value, truth - (3 * Mixture.BinWidth), truth + (3 * Mixture.BinWidth));
    }

    [Fact]
    public void A_search_range_finds_the_cluster_inside_it()
    {
        var truth = CellsAndDebris.HighestBetween(0.05, 0.25);

        var mode = MainCluster.Mode(CellsAndDebris.Histogram(100_000, 82), new ValleyOptions(SearchMaximum: 0.3));

        Assert.InRange(mode.Position!.Value, truth - (3 * Mixture.BinWidth), truth + (3 * Mixture.BinWidth));
    }

    [Fact]
    public void Fewer_than_200_events_give_no_cluster_position()
    {
        Assert.Equal("fewer than 200 events (100)", MainCluster.Mode(CellsAndDebris.Histogram(100, 83)).Reason);
    }
}
