using CytoViability.Core.Compensation;
using CytoViability.Core.Gating;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Tests.Gating;

public sealed class GateEvaluationTests
{
    private static readonly ChannelDimension X = ChannelDimension.Raw("X");
    private static readonly ChannelDimension Y = ChannelDimension.Raw("Y");

    private static EventColumns Events(double[] x, double[] y) => EventColumns.FromArrays(["X", "Y"], [x, y]);

    private static int[] Members(GatingResult result, string id) => [.. result.Membership(id).Indices()];

    [Fact]
    public void Rectangle_HalfOpen_MinInsideMaxOutside()
    {
        var strategy = new GatingStrategy([new RectangleGate("R", null, [new DimensionBound(X, 1, 2)])]);

        var result = strategy.Evaluate(Events([0.999, 1, 1.5, 2, 2.001], [0, 0, 0, 0, 0]));

        Assert.Equal([1, 2], Members(result, "R"));
    }

    [Fact]
    public void Rectangle_OpenBounds_NaNAndInfinitiesNeverInside()
    {
        var strategy = new GatingStrategy([new RectangleGate("R", null, [new DimensionBound(X, null, null)])]);
        double[] x = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e300, 1e300];

        var result = strategy.Evaluate(Events(x, new double[5]));

        Assert.Equal([3, 4], Members(result, "R"));
    }

    [Fact]
    public void Rectangle_ManyEventsAcrossVectorAndTail_MatchesScalarRule()
    {
        var n = 1000;
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = (i % 17) - 3;
        }

        var strategy = new GatingStrategy([new RectangleGate("R", null, [new DimensionBound(X, 0, 5)])]);
        var result = strategy.Evaluate(Events(x, new double[n]));

        var expected = Enumerable.Range(0, n).Where(i => x[i] >= 0 && x[i] < 5).ToArray();
        Assert.Equal(expected, Members(result, "R"));
    }

    [Fact]
    public void Polygon_ConcaveLShape_NotchIsOutside()
    {
        // L shape: (0,0) (4,0) (4,1) (1,1) (1,4) (0,4); the notch (2..4, 1..4) is outside.
        PolygonVertex[] l = [new(0, 0), new(4, 0), new(4, 1), new(1, 1), new(1, 4), new(0, 4)];
        var strategy = new GatingStrategy([new PolygonGate("L", null, X, Y, l)]);

        var result = strategy.Evaluate(Events([0.5, 3, 3, 0.5, 2], [0.5, 0.5, 3, 3, 2]));

        Assert.Equal([0, 1, 3], Members(result, "L"));
    }

    [Fact]
    public void Polygon_PointsOnVerticesAndEdges_AreInside()
    {
        PolygonVertex[] triangle = [new(0, 0), new(10, 0), new(10, 10)];
        var strategy = new GatingStrategy([new PolygonGate("T", null, X, Y, triangle)]);

        // vertex, bottom edge, vertical edge, hypotenuse (x = y), just outside the hypotenuse, outside.
        var result = strategy.Evaluate(Events([0, 5, 10, 7, 3, 11], [0, 0, 4, 7, 3.0000001, 5]));

        Assert.Equal([0, 1, 2, 3], Members(result, "T"));
    }

    [Fact]
    public void Polygon_SelfIntersectingStar_CentreIsOutsideByEvenOdd()
    {
        // A pentagram: the central pentagon is wound twice, so even–odd puts it outside; a point tip is inside.
        PolygonVertex[] star = [new(0, 10), new(6, -8), new(-9.5, 3), new(9.5, 3), new(-6, -8)];
        var strategy = new GatingStrategy([new PolygonGate("S", null, X, Y, star)]);

        var result = strategy.Evaluate(Events([0, 0, 20], [0, 8, 0]));

        Assert.Equal([1], Members(result, "S"));
    }

    [Fact]
    public void Polygon_TenThousandEvents_AgreesWithTextbookCrossingTestAndEdgePoints()
    {
        // A concave, self-intersecting hexagon with integer vertices; every 10th event sits exactly on an edge.
        PolygonVertex[] shape = [new(0, 0), new(10, 0), new(2, 8), new(10, 10), new(0, 10), new(6, 4)];
        var random = new Random(5);
        var n = 10_000;
        var x = new double[n];
        var y = new double[n];
        var onEdge = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (i % 10 == 0)
            {
                // Midpoint-type points of an edge (k/4 along it): exact in binary, so exactly on the edge.
                var a = shape[i / 10 % shape.Length];
                var b = shape[((i / 10) + 1) % shape.Length];
                var t = (i / 60 % 5) / 4.0;
                x[i] = a.X + (t * (b.X - a.X));
                y[i] = a.Y + (t * (b.Y - a.Y));
                onEdge[i] = true;
            }
            else
            {
                x[i] = (random.NextDouble() * 14) - 2;
                y[i] = (random.NextDouble() * 14) - 2;
            }
        }

        var result = new GatingStrategy([new PolygonGate("P", null, X, Y, shape)]).Evaluate(Events(x, y));

        for (var i = 0; i < n; i++)
        {
            var expected = onEdge[i] || TextbookEvenOdd(shape, x[i], y[i]);
            Assert.True(expected == result.Membership("P").IsSet(i), "event " + i + " at (" + x[i] + ", " + y[i] + ")");
        }
    }

    private static bool TextbookEvenOdd(PolygonVertex[] polygon, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            if ((polygon[i].Y > y) != (polygon[j].Y > y)
                && x < ((polygon[j].X - polygon[i].X) * (y - polygon[i].Y) / (polygon[j].Y - polygon[i].Y)) + polygon[i].X)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    [Fact]
    public void Polygon_NaNOrInfinity_NeverInside()
    {
        PolygonVertex[] square = [new(-1e308, -1), new(1e308, -1), new(1e308, 1), new(-1e308, 1)];
        var strategy = new GatingStrategy([new PolygonGate("P", null, X, Y, square)]);

        var result = strategy.Evaluate(Events([double.NegativeInfinity, double.NaN, 0, 0], [0, 0, double.NaN, 0]));

        Assert.Equal([3], Members(result, "P"));
    }

    [Fact]
    public void Ellipsoid_InsideBoundaryOutside()
    {
        // Circle of radius 2 around (1, 1): covariance 4·I, distance² 1; (2.4, 2.4) is at 1.96·2/4 = 0.98, (2.5, 2.5) at 1.125.
        var strategy = new GatingStrategy([new EllipsoidGate("E", null, [X, Y], [1, 1], [[4, 0], [0, 4]], 1)]);

        var result = strategy.Evaluate(Events([1, 3, 3.01, 2.5, 2.4], [1, 1, 1, 2.5, 2.4]));

        Assert.Equal([0, 1, 4], Members(result, "E"));
    }

    [Fact]
    public void QuadrantsAndBooleans_ChildrenSeeOnlyTheirParent()
    {
        var quadrants = QuadrantGate.TwoByTwo("Q", null, X, 0, Y, 0, "NN", "PN", "NP", "PP");
        Gate[] gates =
        [
            quadrants,
            new RectangleGate("BigX", "PP", [new DimensionBound(X, 5, null)]),
            new BooleanGate("NotPP", null, BooleanOperation.Not, [new BooleanOperand("PP")]),
            new BooleanGate("PNorNP", null, BooleanOperation.Or, [new BooleanOperand("PN"), new BooleanOperand("NP")]),
            new BooleanGate("AnyButNN", null, BooleanOperation.And, [new BooleanOperand("NN", Complement: true)]),
        ];
        var strategy = new GatingStrategy(gates);

        var result = strategy.Evaluate(Events([-1, 1, -1, 1, 6, 6, 0, double.NaN], [-1, -1, 1, 1, 1, -1, 0, 1]));

        Assert.Equal([0], Members(result, "NN"));
        Assert.Equal([1, 5], Members(result, "PN"));
        Assert.Equal([2], Members(result, "NP"));
        Assert.Equal([3, 4, 6], Members(result, "PP"));
        Assert.Equal([4], Members(result, "BigX"));
        Assert.Equal([0, 1, 2, 5], Members(result, "NotPP"));
        Assert.Equal([1, 2, 5], Members(result, "PNorNP"));
        Assert.Equal([1, 2, 3, 4, 5, 6], Members(result, "AnyButNN"));
    }

    [Fact]
    public void EmptyParent_ChildrenAreEmpty()
    {
        Gate[] gates =
        [
            new RectangleGate("None", null, [new DimensionBound(X, 100, null)]),
            new PolygonGate("Child", "None", X, Y, [new(-10, -10), new(10, -10), new(0, 10)]),
            new BooleanGate("NotChild", "None", BooleanOperation.Not, [new BooleanOperand("Child")]),
        ];

        var result = new GatingStrategy(gates).Evaluate(Events([0, 1, 2], [0, 1, 2]));

        Assert.Equal(0, result.Count("None"));
        Assert.Equal(0, result.Count("Child"));
        Assert.Equal(0, result.Count("NotChild"));
    }

    [Fact]
    public void NoEvents_EveryPopulationEmpty()
    {
        var strategy = new GatingStrategy([new RectangleGate("R", null, [new DimensionBound(X, null, 1)])]);

        var result = strategy.Evaluate(Events([], []));

        Assert.Equal(0, result.Count("R"));
    }

    [Fact]
    public void Constructor_UnknownParentOrOperand_ThrowsNamingIt()
    {
        var parent = Assert.Throws<GateReferenceException>(() => new GatingStrategy([new RectangleGate("R", "Lymphocytes", [new DimensionBound(X, 0, 1)])]));
        Assert.Contains("Lymphocytes", parent.Message);

        var operand = Assert.Throws<GateReferenceException>(() => new GatingStrategy([new BooleanGate("B", null, BooleanOperation.And, [new BooleanOperand("Ghost")])]));
        Assert.Contains("Ghost", operand.Message);
    }

    [Fact]
    public void Constructor_Cycle_Throws()
    {
        Gate[] gates =
        [
            new RectangleGate("A", "B", [new DimensionBound(X, 0, 1)]),
            new RectangleGate("B", "A", [new DimensionBound(X, 0, 1)]),
        ];

        var error = Assert.Throws<GateReferenceException>(() => new GatingStrategy(gates));
        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void Evaluate_ChannelMissingFromFile_ThrowsNamingIt()
    {
        var strategy = new GatingStrategy([new RectangleGate("R", null, [new DimensionBound(ChannelDimension.Raw("FITC-A"), 0, 1)])]);

        var error = Assert.Throws<GateReferenceException>(() => strategy.Evaluate(Events([1], [1])));
        Assert.Contains("FITC-A", error.Message);
    }

    [Fact]
    public void TransformedDimension_GatesOnTransformedValues()
    {
        // flog(T=1000, M=3): 10 → 1/3, 100 → 2/3.
        var transforms = new Dictionary<string, ITransform> { ["log"] = new LogTransform(1000, 3) };
        var dimension = new ChannelDimension("X", CompensationReference.Uncompensated, "log");
        var strategy = new GatingStrategy([new RectangleGate("R", null, [new DimensionBound(dimension, 0.3, 0.7)])], transforms);

        var result = strategy.Evaluate(Events([1, 10, 100, 1000, -5], new double[5]));

        Assert.Equal([1, 2], Members(result, "R"));
        Assert.Equal(2.0 / 3.0, result.Values(dimension)[2], 15);
    }

    [Fact]
    public void MatrixCompensation_UnmixesOnlyTheNamedChannels()
    {
        // Two dyes: A spills 10 % into detector D2, B spills 20 % into D1. Amounts (100, 50) give
        // detectors D1 = 100 + 0.2·50 = 110 and D2 = 0.1·100 + 50 = 60; "Other" is not in the matrix.
        var matrix = new CompensationMatrix("M", ["A", "B"], ["D1", "D2"], new double[,] { { 1, 0.1 }, { 0.2, 1 } });
        var events = EventColumns.FromArrays(["D1", "D2", "Other"], [[110], [60], [7]]);
        var compensation = CompensationReference.Matrix("M");
        var strategy = new GatingStrategy(
            [new RectangleGate("R", null, [new DimensionBound(new ChannelDimension("A", compensation), 99.999, 100.001), new DimensionBound(new ChannelDimension("Other", compensation), 7, 8)])],
            matrices: new Dictionary<string, CompensationMatrix> { ["M"] = matrix });

        var result = strategy.Evaluate(events);

        Assert.Equal(1, result.Count("R"));
        Assert.Equal(100, result.Values(new ChannelDimension("A", compensation))[0], 12);
        Assert.Equal(50, result.Values(new ChannelDimension("B", compensation))[0], 12);
        Assert.Equal(110, result.Values(ChannelDimension.Raw("D1"))[0]);
    }

    [Fact]
    public void FileSpillover_NamingAChannelTheFileLacks_ThrowsCompensationErrorNamingIt()
    {
        var spillover = CompensationMatrix.Square("FCS", ["X", "PE-A"], new double[,] { { 1, 0.1 }, { 0, 1 } });
        var strategy = new GatingStrategy([new RectangleGate("R", null, [new DimensionBound(new ChannelDimension("X", CompensationReference.File), 0, 1)])]);

        var error = Assert.Throws<CompensationException>(() => strategy.Evaluate(Events([1], [1]), spillover));
        Assert.Contains("PE-A", error.Message);
    }
}
