using CytoViability.Core.Gating;

namespace CytoViability.Core.Tests.Gating;

/// <summary>
/// The placement pass gates a file level by level and carries each level's populations forward: a population
/// handed in as already gated keeps exactly those events, and the populations below it are gated within them.
/// Cells are FSC in [200, 800); bright cells are SSC ≥ 500 among them. Two evaluation blocks and a ragged last word.
/// </summary>
public sealed class GatedPopulationsTests
{
    private const int EventCount = 20_001;

    private static readonly ChannelDimension Fsc = ChannelDimension.Raw("FSC");
    private static readonly ChannelDimension Side = ChannelDimension.Raw("SSC");

    private static readonly GatingStrategy Strategy = new(
    [
        new RectangleGate("Cells", null, [new DimensionBound(Fsc, 200, 800)]),
        new RectangleGate("Bright", "Cells", [new DimensionBound(Side, 500, null)]),
    ]);

    [Fact]
    public void A_population_handed_in_as_gated_keeps_its_events_and_its_child_is_gated_within_them()
    {
        var (fsc, ssc) = Events();

        // Every third event, whatever its FSC: had Cells been gated again, it would hold FSC in [200, 800) instead.
        var handedIn = new Bitset(EventCount);
        for (var i = 0; i < EventCount; i += 3)
        {
            handedIn.Set(i);
        }

        var result = Strategy.Evaluate(EventColumns.FromArrays(["FSC", "SSC"], [fsc, ssc]), gated: new Dictionary<string, Bitset> { ["Cells"] = handedIn });

        Assert.Same(handedIn, result.Membership("Cells"));
        var bright = result.Membership("Bright");
        var expected = 0;
        for (var i = 0; i < EventCount; i++)
        {
            var member = i % 3 == 0 && ssc[i] >= 500;
            Assert.Equal(member, bright.IsSet(i));
            expected += member ? 1 : 0;
        }

        Assert.Equal(expected, bright.Count());
    }

    [Fact]
    public void Carrying_a_level_forward_gives_the_memberships_of_gating_the_whole_tree_again()
    {
        var (fsc, ssc) = Events();
        var events = EventColumns.FromArrays(["FSC", "SSC"], [fsc, ssc]);
        var whole = Strategy.Evaluate(events);
        var carried = Strategy.Evaluate(events, gated: new Dictionary<string, Bitset> { ["Cells"] = whole.Membership("Cells") });

        var cells = 0;
        var bright = 0;
        for (var i = 0; i < EventCount; i++)
        {
            var inCells = fsc[i] >= 200 && fsc[i] < 800;
            cells += inCells ? 1 : 0;
            bright += inCells && ssc[i] >= 500 ? 1 : 0;
        }

        Assert.Equal(cells, whole.Count("Cells"));
        Assert.Equal(bright, whole.Count("Bright"));
        Assert.Equal(whole.Membership("Bright").Words.ToArray(), carried.Membership("Bright").Words.ToArray());
    }

    [Fact]
    public void A_population_gated_on_other_events_is_refused()
    {
        var (fsc, ssc) = Events();
        var error = Assert.Throws<ArgumentException>(() =>
            Strategy.Evaluate(EventColumns.FromArrays(["FSC", "SSC"], [fsc, ssc]), gated: new Dictionary<string, Bitset> { ["Cells"] = new Bitset(EventCount - 1) }));
        Assert.Contains("'Cells' was gated on 20000 events, not these 20001", error.Message, StringComparison.Ordinal);
    }

    private static (double[] Fsc, double[] Ssc) Events()
    {
        var random = new Random(11);
        var fsc = new double[EventCount];
        var ssc = new double[EventCount];
        for (var i = 0; i < EventCount; i++)
        {
            fsc[i] = random.NextDouble() * 1000;
            ssc[i] = random.NextDouble() * 1000;
        }

        return (fsc, ssc);
    }
}
