using CytoViability.Core.Gating;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Tests.Gating;

/// <summary>
/// Gates on logicle, hyperlog and FlowJo biex axes decide bounds on the data axis and transform only the events a gate needs.
/// The reference is the rule itself, applied event by event to the scalar forward transform (which
/// TransformVectorTests checks against published values).
/// </summary>
public sealed class TransformedGateTests
{
    private static readonly ChannelDimension X = ChannelDimension.Raw("X");
    private static readonly ChannelDimension Y = ChannelDimension.Raw("Y");
    private static readonly ChannelDimension TransformedX = new("X", CompensationReference.Uncompensated, "t");
    private static readonly ChannelDimension TransformedY = new("Y", CompensationReference.Uncompensated, "t");

    public static TheoryData<string> TransformNames() => ["logicle", "hyperlog", "biex"];

    private static ITransform Build(string name) => name switch
    {
        "logicle" => new LogicleTransform(262144, 0.5, 4.5, 0),
        "hyperlog" => new HyperlogTransform(262144, 0.5, 4.5, 0),
        _ => new BiexponentialTransform(262144, 4.5, 0, -10),
    };

    private static int[] Members(GatingResult result, string id) => [.. result.Membership(id).Indices()];

    /// <summary>
    /// Data values at and around the pre-images of the bounds (exact hits, a few ulps either side), around zero,
    /// the non-finite values, and a spread of ordinary values over several decades, negative ones included.
    /// </summary>
    private static double[] Probes(ITransform transform, params double[] bounds)
    {
        var values = new List<double> { 0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, double.Epsilon, -double.Epsilon };
        foreach (var bound in bounds)
        {
            var preimage = transform.Inverse(bound);
            var below = preimage;
            var above = preimage;
            for (var step = 0; step < 4; step++)
            {
                values.Add(below);
                values.Add(above);
                below = Math.BitDecrement(below);
                above = Math.BitIncrement(above);
            }

            values.Add(preimage * (1 - 1e-9));
            values.Add(preimage * (1 + 1e-9));
        }

        var random = new Random(11);
        for (var i = 0; i < 3000; i++)
        {
            values.Add((random.NextDouble() - 0.2) * Math.Pow(10, random.Next(0, 7)));
        }

        // Outputs whose transform is exactly a bound, found by scanning near the pre-image.
        foreach (var bound in bounds)
        {
            var x = transform.Inverse(bound);
            for (var step = 0; step < 64; step++)
            {
                if (transform.Forward(x) == bound)
                {
                    values.Add(x);
                }

                x = Math.BitDecrement(x);
            }
        }

        return [.. values];
    }

    [Theory]
    [MemberData(nameof(TransformNames))]
    public void Rectangle_OnTransformedAxis_SameEventsAsTransformingEachEvent(string name)
    {
        var transform = Build(name);
        const double Low = 0.25;
        const double High = 0.55;
        var x = Probes(transform, Low, High);
        var strategy = new GatingStrategy([new RectangleGate("R", null, [new DimensionBound(TransformedX, Low, High)])], new Dictionary<string, ITransform> { ["t"] = transform });

        var result = strategy.Evaluate(EventColumns.FromArrays(["X"], [x]));

        var expected = Enumerable.Range(0, x.Length).Where(i => transform.Forward(x[i]) >= Low && transform.Forward(x[i]) < High).ToArray();
        Assert.Equal(expected, Members(result, "R"));
        Assert.Contains(x.Select((value, i) => (value, i)).First(p => transform.Forward(p.value) == Low).i, expected);
    }

    [Theory]
    [MemberData(nameof(TransformNames))]
    public void Quadrants_OnTransformedAxes_SameEventsAsTransformingEachEvent(string name)
    {
        var transform = Build(name);
        const double Divider = 0.5;
        var x = Probes(transform, Divider);
        var y = new double[x.Length];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = x[(i * 7) % x.Length];
        }

        var gate = QuadrantGate.TwoByTwo("Q", null, TransformedX, Divider, TransformedY, Divider, "--", "+-", "-+", "++");
        var strategy = new GatingStrategy([gate], new Dictionary<string, ITransform> { ["t"] = transform });

        var result = strategy.Evaluate(EventColumns.FromArrays(["X", "Y"], [x, y]));

        bool Positive(double value) => transform.Forward(value) >= Divider && double.IsFinite(transform.Forward(value));
        bool Negative(double value) => transform.Forward(value) < Divider && double.IsFinite(transform.Forward(value));
        var events = Enumerable.Range(0, x.Length).ToArray();
        Assert.Equal(events.Where(i => Negative(x[i]) && Negative(y[i])), Members(result, "--"));
        Assert.Equal(events.Where(i => Positive(x[i]) && Negative(y[i])), Members(result, "+-"));
        Assert.Equal(events.Where(i => Negative(x[i]) && Positive(y[i])), Members(result, "-+"));
        Assert.Equal(events.Where(i => Positive(x[i]) && Positive(y[i])), Members(result, "++"));
    }

    [Fact]
    public void Boolean_OnTransformedOperands_DropsEventsNotFiniteAfterTheTransform()
    {
        var transform = Build("logicle");
        double[] x = [5000, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -500, 3, 1e300];
        var strategy = new GatingStrategy(
            [
                new RectangleGate("Dim", null, [new DimensionBound(TransformedX, null, 0.5)]),
                new BooleanGate("Not dim", null, BooleanOperation.Not, [new BooleanOperand("Dim")]),
            ],
            new Dictionary<string, ITransform> { ["t"] = transform });

        var result = strategy.Evaluate(EventColumns.FromArrays(["X"], [x]));

        // logicle(5000) ≈ 0.62 and logicle(1e300) ≈ 66 are not dim; NaN and ±∞ are in neither population.
        Assert.Equal([4, 5], Members(result, "Dim"));
        Assert.Equal([0, 6], Members(result, "Not dim"));
    }

    [Fact]
    public void Values_OfAxisGatedUnderAParent_CompleteForEveryEventAfterwards()
    {
        var transform = Build("logicle");
        var random = new Random(5);
        var n = 5000;
        var size = new double[n];
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            size[i] = random.NextDouble();
            x[i] = (random.NextDouble() - 0.1) * 100_000;
            y[i] = (random.NextDouble() - 0.1) * 100_000;
        }

        // A parent holding about a third of the events, in runs and scattered, so the polygon's axes are first
        // transformed for those events only.
        for (var i = 1024; i < 2048; i++)
        {
            size[i] = 0.1;
        }

        var strategy = new GatingStrategy(
            [
                new RectangleGate("Small", null, [new DimensionBound(ChannelDimension.Raw("Size"), null, 0.3)]),
                new PolygonGate("P", "Small", TransformedX, TransformedY, [new(0.3, 0.3), new(0.9, 0.3), new(0.9, 0.9), new(0.3, 0.9)]),
            ],
            new Dictionary<string, ITransform> { ["t"] = transform });

        var result = strategy.Evaluate(EventColumns.FromArrays(["Size", "X", "Y"], [size, x, y]));

        var tx = x.Select(transform.Forward).ToArray();
        var ty = y.Select(transform.Forward).ToArray();
        var expected = Enumerable.Range(0, n).Where(i => size[i] < 0.3 && tx[i] >= 0.3 && tx[i] <= 0.9 && ty[i] >= 0.3 && ty[i] <= 0.9).ToArray();
        Assert.Equal(expected, Members(result, "P"));
        Assert.Equal(tx, result.Values(TransformedX));
        Assert.Equal(ty, result.Values(TransformedY));
        Assert.Equal(x, result.Values(X));
        Assert.Equal(y, result.Values(Y));
    }
}
