using System.Globalization;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Tests.Transforms;

/// <summary>Every row of tests/data/gatingml2/transform-vectors.tsv (published and spec-derived values).</summary>
public sealed class TransformVectorTests
{
    public static TheoryData<int> Rows()
    {
        var rows = new TheoryData<int>();
        for (var i = 0; i < ReadRows().Count; i++)
        {
            rows.Add(i);
        }

        return rows;
    }

    [Fact]
    public void VectorFile_Has225Rows()
    {
        Assert.Equal(225, ReadRows().Count);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Transform_Row_MatchesReferenceWithinItsTolerance(int row)
    {
        var (name, parameters, input, expectedText, toleranceText) = ReadRows()[row];
        var expected = ParseValue(expectedText);
        // A few rows print fewer digits than their stated tolerance (fratio: 12 significant digits at 1e-12), so
        // the printed value itself only promises half a unit of its last digit.
        var tolerance = Math.Max(double.Parse(toleranceText, CultureInfo.InvariantCulture), HalfLastDigit(expectedText));

        var actual = Evaluate(name, parameters, input);

        var label = name + " " + parameters + " at " + input;
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(expected.Equals(actual), label + ": expected " + expectedText + ", got " + actual.ToString("R", CultureInfo.InvariantCulture));
        }
        else
        {
            Assert.True(Math.Abs(actual - expected) <= tolerance, label + ": expected " + expectedText + " ± " + toleranceText + ", got " + actual.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void LogRatio_BoundaryEvent_LandsExactlyOnTheGateMinimum()
    {
        // RatRange1a's hot spot (tests/data/gatingml2/README.md, what breaks if a rule is wrong): FL2-H channel 208
        // with FL2-A 0 must give exactly 0.40625.
        var fl2h = Math.Pow(10, 4.0 * 208 / 1024);
        var ratio = new RatioTransform("FL2-H", "FL2-A", 1, 0, -1).Apply(fl2h, 0);

        Assert.Equal(0.40625, new LogTransform(100, 2).Forward(ratio));
    }

    private static double Evaluate(string name, string parameters, string input)
    {
        if (name == "flog(fratio)")
        {
            var parts = parameters.Split(" then ");
            var ratio = (RatioTransform)Build("fratio", parameters: parts[0]["fratio ".Length..]);
            var log = (ITransform)Build("flog", parts[1]["flog ".Length..]);
            var values = input.Split('|');
            return log.Forward(ratio.Apply(ParseValue(values[0]), ParseValue(values[1])));
        }

        if (name == "fratio")
        {
            var values = input.Split('|');
            return ((RatioTransform)Build(name, parameters)).Apply(ParseValue(values[0]), ParseValue(values[1]));
        }

        var inverse = name.EndsWith("_inverse", StringComparison.Ordinal);
        var transform = (ITransform)Build(inverse ? name[..^"_inverse".Length] : name, parameters);
        return inverse ? transform.Inverse(ParseValue(input)) : transform.Forward(ParseValue(input));
    }

    private static object Build(string name, string parameters)
    {
        var p = parameters.Split(';').Select(part => part.Split('=')).ToDictionary(kv => kv[0].Trim(), kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        return name switch
        {
            "flin" => new LinearTransform(p["T"], p["A"]),
            "flog" => new LogTransform(p["T"], p["M"]),
            "fasinh" => new AsinhTransform(p["T"], p["M"], p["A"]),
            "logicle" => new LogicleTransform(p["T"], p["W"], p["M"], p["A"]),
            "hyperlog" => new HyperlogTransform(p["T"], p["W"], p["M"], p["A"]),
            "fratio" => new RatioTransform("x1", "x2", p["A"], p["B"], p["C"]),
            _ => throw new InvalidOperationException("unknown transform in vector file: " + name),
        };
    }

    private static double HalfLastDigit(string text)
    {
        // Only values cut at 12 significant digits are rounded; shorter ones (0.2, 0.40625) are exact.
        var digits = text.TrimStart('-').Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0').Length;
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return digits < 12 || point < 0 ? 0 : 0.5 * Math.Pow(10, -(text.Length - point - 1));
    }

    private static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "-Inf" => double.NegativeInfinity,
        "Inf" or "+Inf" => double.PositiveInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private static List<(string Name, string Parameters, string Input, string Expected, string Tolerance)> ReadRows()
    {
        var rows = new List<(string, string, string, string, string)>();
        foreach (var line in File.ReadLines(Path.Combine(TestPaths.GatingMl2, "transform-vectors.tsv")).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            rows.Add((cells[0], cells[1], cells[2], cells[3], cells[4]));
        }

        return rows;
    }
}
