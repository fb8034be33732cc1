using CytoViability.Core.Transforms;

namespace CytoViability.Core.Tests.Transforms;

public sealed class TransformRoundTripTests
{
    public static TheoryData<string> Transforms() =>
    [
        "logicle T=262144 W=0.5 M=4.5 A=0",
        "logicle T=10000 W=1 M=4 A=0.5",
        "logicle T=1000 W=0 M=4 A=1",
        "logicle T=262144 W=2 M=4.5 A=0",
        "logicle T=262144 W=1 M=4.5 A=-1",
        "hyperlog T=10000 W=1 M=4.5 A=0",
        "hyperlog T=1000 W=0.01 M=4 A=1",
        "fasinh T=10000 M=4 A=1",
        "flin T=10000 A=500",
        "biex max=262144 pos=4.42 neg=0 width=-10",
    ];

    [Theory]
    [MemberData(nameof(Transforms))]
    public void InverseOfForward_WholeRange_ReturnsTheValueWithin1e9Relative(string name)
    {
        var transform = Build(name);
        foreach (var x in Values())
        {
            var back = transform.Inverse(transform.Forward(x));
            Assert.True(Math.Abs(back - x) <= 1e-9 * Math.Max(Math.Abs(x), 1), name + ": " + x + " → " + back);
        }
    }

    [Theory]
    [MemberData(nameof(Transforms))]
    public void ColumnForward_EqualsScalarForward(string name)
    {
        var transform = Build(name);
        var values = Values().ToArray();
        var column = new double[values.Length];

        transform.Forward(values, column);

        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(transform.Forward(values[i]), column[i]);
        }
    }

    [Fact]
    public void Log_RoundTripOverPositiveValues()
    {
        var log = new LogTransform(10000, 5);
        foreach (var x in Values().Where(v => v > 0))
        {
            Assert.Equal(x, log.Inverse(log.Forward(x)), x * 1e-12);
        }
    }

    [Fact]
    public void Logicle_ZeroAndTop_MapToXOneAndOne()
    {
        var logicle = new LogicleTransform(262144, 0.5, 4.5, 0);

        Assert.Equal(0.5 / 4.5, logicle.Forward(0), 15);
        Assert.Equal(1, logicle.Forward(262144), 14);
        Assert.Equal(262144, logicle.Inverse(1), 8);
    }

    [Fact]
    public void Logicle_WidthZero_EqualsAsinh()
    {
        var logicle = new LogicleTransform(1000, 0, 4, 1);
        var asinh = new AsinhTransform(1000, 4, 1);
        foreach (var x in Values())
        {
            Assert.Equal(asinh.Forward(x), logicle.Forward(x), 12);
        }
    }

    [Fact]
    public void Logicle_NaNAndInfinity_PassThrough()
    {
        var logicle = new LogicleTransform(262144, 0.5, 4.5, 0);

        Assert.True(double.IsNaN(logicle.Forward(double.NaN)));
        Assert.Equal(double.PositiveInfinity, logicle.Forward(double.PositiveInfinity));
        Assert.Equal(double.NegativeInfinity, logicle.Forward(double.NegativeInfinity));
    }

    [Theory]
    [InlineData(262144, 0.5, 4.5, 0)]
    [InlineData(10000, 1, 4, 0.5)]
    [InlineData(1000, 0, 4, 1)]
    [InlineData(262144, 2, 4.5, 0)]
    [InlineData(262144, 1, 4.5, -1)]
    public void Logicle_FastForward_AgreesWithTheExactRootToDoublePrecision(double t, double w, double m, double a)
    {
        var logicle = new LogicleTransform(t, w, m, a);
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var x = (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, (random.NextDouble() * 14) - 8) * t / 1000;
            var exact = logicle.Curve.Solve(x);
            Assert.True(Math.Abs(logicle.Forward(x) - exact) <= 5e-16 * Math.Max(1, Math.Abs(exact)), x + ": " + logicle.Forward(x) + " vs " + exact);
        }
    }

    [Fact]
    public void Logicle_WidthAboveHalfTheDecades_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new LogicleTransform(262144, 3, 4.5, 0));
    }

    private static IEnumerable<double> Values()
    {
        yield return 0;
        for (var exponent = -6.0; exponent <= 6.5; exponent += 0.05)
        {
            var magnitude = Math.Pow(10, exponent);
            yield return magnitude;
            if (magnitude < 2e4)
            {
                yield return -magnitude;
            }
        }
    }

    private static ITransform Build(string name)
    {
        var parts = name.Split(' ');
        var p = parts.Skip(1).Select(part => part.Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture));
        return parts[0] switch
        {
            "logicle" => new LogicleTransform(p["T"], p["W"], p["M"], p["A"]),
            "hyperlog" => new HyperlogTransform(p["T"], p["W"], p["M"], p["A"]),
            "fasinh" => new AsinhTransform(p["T"], p["M"], p["A"]),
            "flin" => new LinearTransform(p["T"], p["A"]),
            "biex" => new BiexponentialTransform(p["max"], p["pos"], p["neg"], p["width"]),
            _ => throw new InvalidOperationException(name),
        };
    }
}
