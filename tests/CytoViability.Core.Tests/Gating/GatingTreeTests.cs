using CytoViability.Core.Compensation;
using CytoViability.Core.Gating;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Tests.Gating;

/// <summary>
/// A tree of every gate kind, compensated and logicle axes, on enough events to span several evaluation blocks and a
/// ragged last word. The reference applies each gate's rule to each event directly, with compensation by the
/// closed-form inverse of a 2×2 spillover matrix. Then a two-gate tree gated with a population handed in as already
/// gated, as the placement pass carries its earlier levels forward.
/// </summary>
public sealed class GatingTreeTests
{
    // Three evaluation blocks of 16,384 events, the last one ending inside a word.
    private const int EventCount = 40_001;

    private static readonly CompensationReference Compensation = CompensationReference.Matrix("M");
    private static readonly ChannelDimension Fsc = ChannelDimension.Raw("FSC");
    private static readonly ChannelDimension Side = ChannelDimension.Raw("SSC");
    private static readonly ChannelDimension A = new("A", Compensation, "logicle");
    private static readonly ChannelDimension B = new("B", Compensation, "logicle");
    private static readonly ChannelDimension C = new("C", CompensationReference.Uncompensated, "logicle");

    [Fact]
    public void WholeTree_ManyBlocks_EveryPopulationMatchesItsRuleEventByEvent()
    {
        var random = new Random(3);
        var fsc = new double[EventCount];
        var ssc = new double[EventCount];
        var d1 = new double[EventCount];
        var d2 = new double[EventCount];
        var c = new double[EventCount];
        for (var i = 0; i < EventCount; i++)
        {
            fsc[i] = random.NextDouble() * 1000;
            ssc[i] = random.NextDouble() * 1000;
            d1[i] = Math.Exp((random.Next(2) == 0 ? 5 : 8.5) + random.NextDouble()) - 150;
            d2[i] = Math.Exp((random.Next(2) == 0 ? 5 : 8.5) + random.NextDouble()) - 150;
            c[i] = (random.NextDouble() * 20_000) - 1000;
        }

        // Detector values no event should survive a gate on: NaN and ±∞ in D2 reach both compensated dyes.
        d2[17] = double.NaN;
        d2[16_384] = double.PositiveInfinity;
        d2[EventCount - 1] = double.NegativeInfinity;

        // A spills 10 % into D2 and B 20 % into D1, so A = (D1 − 0.2·D2)/0.98 and B = (D2 − 0.1·D1)/0.98.
        var matrix = new CompensationMatrix("M", ["A", "B"], ["D1", "D2"], new double[,] { { 1, 0.1 }, { 0.2, 1 } });
        var logicle = new LogicleTransform(262144, 0.5, 4.5, 0);
        var strategy = new GatingStrategy(
            [
                new RectangleGate("Cells", null, [new DimensionBound(Fsc, 200, 800)]),
                QuadrantGate.TwoByTwo("Q", "Cells", A, 0.5, B, 0.5, "A-B-", "A+B-", "A-B+", "A+B+"),
                new PolygonGate("P", "A+B-", C, A, [new(0.2, 0.5), new(0.8, 0.5), new(0.8, 0.9), new(0.5, 0.7)]),
                new EllipsoidGate("E", "Cells", [Fsc, Side], [500, 500], [[200.0 * 200, 0], [0, 300.0 * 300]], 1),
                new BooleanGate("Cells not A+B+", null, BooleanOperation.And, [new BooleanOperand("Cells"), new BooleanOperand("A+B+", Complement: true)]),
                new BooleanGate("E or P", null, BooleanOperation.Or, [new BooleanOperand("E"), new BooleanOperand("P")]),
            ],
            new Dictionary<string, ITransform> { ["logicle"] = logicle },
            matrices: new Dictionary<string, CompensationMatrix> { ["M"] = matrix });

        var result = strategy.Evaluate(EventColumns.FromArrays(["FSC", "SSC", "D1", "D2", "C"], [fsc, ssc, d1, d2, c]));

        var expected = new Dictionary<string, List<int>>();
        foreach (var id in strategy.PopulationIds)
        {
            expected[id] = [];
        }

        for (var i = 0; i < EventCount; i++)
        {
            var a = logicle.Forward((d1[i] - (0.2 * d2[i])) / 0.98);
            var b = logicle.Forward((d2[i] - (0.1 * d1[i])) / 0.98);
            var z = logicle.Forward(c[i]);
            var cells = fsc[i] >= 200 && fsc[i] < 800;
            var finite = double.IsFinite(a) && double.IsFinite(b);
            var quadrant = !cells || !finite ? null : (a >= 0.5 ? "A+" : "A-") + (b >= 0.5 ? "B+" : "B-");
            var polygon = quadrant == "A+B-" && InsideP(z, a);
            var dx = (fsc[i] - 500) / 200;
            var dy = (ssc[i] - 500) / 300;
            var ellipse = cells && (dx * dx) + (dy * dy) <= 1;
            Add(expected, "Cells", cells, i);
            if (quadrant is not null)
            {
                expected[quadrant].Add(i);
            }

            Add(expected, "P", polygon, i);
            Add(expected, "E", ellipse, i);
            Add(expected, "Cells not A+B+", cells && finite && quadrant != "A+B+", i);
            // A boolean also drops events not finite on any axis its operands read (here A and C through P).
            Add(expected, "E or P", (ellipse || polygon) && double.IsFinite(a) && double.IsFinite(z), i);
        }

        foreach (var id in strategy.PopulationIds)
        {
            Assert.True(expected[id].Count > 0 || id == "P", id + " is empty, so it tests nothing");
            Assert.Equal(expected[id], [.. result.Membership(id).Indices()]);
        }

        Assert.InRange(expected["P"].Count, 1, EventCount);
        var values = result.Values(A);
        for (var i = 0; i < EventCount; i++)
        {
            var reference = logicle.Forward((d1[i] - (0.2 * d2[i])) / 0.98);
            Assert.True(reference.Equals(values[i]) || Math.Abs(reference - values[i]) <= 1e-12, "A at event " + i + ": " + values[i] + " vs " + reference);
        }
    }

    [Fact]
    public void A_population_handed_in_as_gated_keeps_its_events_and_its_child_is_gated_within_them()
    {
        var (fsc, ssc) = ScatterEvents();

        // Every third event, whatever its FSC: had Cells been gated again, it would hold FSC in [200, 800) instead.
        var handedIn = new Bitset(EventCount);
        for (var i = 0; i < EventCount; i += 3)
        {
            handedIn.Set(i);
        }

        var result = CellsAndBright.Evaluate(EventColumns.FromArrays(["FSC", "SSC"], [fsc, ssc]), gated: new Dictionary<string, Bitset> { ["Cells"] = handedIn });

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
        var (fsc, ssc) = ScatterEvents();
        var events = EventColumns.FromArrays(["FSC", "SSC"], [fsc, ssc]);
        var whole = CellsAndBright.Evaluate(events);
        var carried = CellsAndBright.Evaluate(events, gated: new Dictionary<string, Bitset> { ["Cells"] = whole.Membership("Cells") });

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
        var (fsc, ssc) = ScatterEvents();
        var error = Assert.Throws<ArgumentException>(() =>
            CellsAndBright.Evaluate(EventColumns.FromArrays(["FSC", "SSC"], [fsc, ssc]), gated: new Dictionary<string, Bitset> { ["Cells"] = new Bitset(EventCount - 1) }));
        Assert.Contains("'Cells' was gated on 40000 events, not these 40001", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Cells are FSC in [200, 800); bright cells are SSC ≥ 500 among them.</summary>
    private static GatingStrategy CellsAndBright => new(
    [
        new RectangleGate("Cells", null, [new DimensionBound(Fsc, 200, 800)]),
        new RectangleGate("Bright", "Cells", [new DimensionBound(Side, 500, null)]),
    ]);

    private static (double[] Fsc, double[] Ssc) ScatterEvents()
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

    /// <summary>The quadrilateral (0.2, 0.5) (0.8, 0.5) (0.8, 0.9) (0.5, 0.7), by its edges' half-planes (it is convex).</summary>
    private static bool InsideP(double x, double y)
    {
        (double X, double Y)[] corners = [(0.2, 0.5), (0.8, 0.5), (0.8, 0.9), (0.5, 0.7)];
        for (var k = 0; k < corners.Length; k++)
        {
            var (x0, y0) = corners[k];
            var (x1, y1) = corners[(k + 1) % corners.Length];
            if (((x1 - x0) * (y - y0)) - ((y1 - y0) * (x - x0)) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void Add(Dictionary<string, List<int>> expected, string id, bool member, int index)
    {
        if (member)
        {
            expected[id].Add(index);
        }
    }
}
