using CytoViability.Core.Compensation;
using CytoViability.Core.Gating;
using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Tests.Templates;

/// <summary>
/// Template gates compiled to the gating model, evaluated on a handful of hand-placed events whose membership is
/// worked out by hand (docs/templates.md §1.7–1.8).
/// </summary>
public sealed class CompiledTemplateTests
{
    private static readonly string[] Names = ["FSC-A", "SSC-A", "FITC-A", "PE-A"];

    private static EvaluatedSample Evaluate(string gatesYaml, double[][] columns, CompensationMatrix? spillover = null, string extra = "")
    {
        var template = TemplateText.LoadValid("""
            channels:
              FSC: FSC-A
              SSC: SSC-A
              DiOC6: FITC-A
              PI: PE-A
            transforms:
              DiOC6: logicle
              PI: logicle
            """ + "\n" + extra + "\ngates:\n" + gatesYaml);
        var channels = new Dictionary<string, string> { ["FSC"] = "FSC-A", ["SSC"] = "SSC-A", ["DiOC6"] = "FITC-A", ["PI"] = "PE-A" };
        var compiled = CompiledTemplate.Compile(template);
        return EvaluatedSample.Evaluate(compiled, compiled.Resolve(channels), EventColumns.FromArrays(Names, columns), spillover);
    }

    private static bool[] Members(EvaluatedSample sample, string population, int count)
    {
        var result = new bool[count];
        var words = sample.Membership(population);
        for (var i = 0; i < count; i++)
        {
            result[i] = (words[i >> 6] & (1UL << i)) != 0;
        }

        return result;
    }

    [Fact]
    public void ChannelsGivenTheSameTransform_ShareOneInstance_AndAnotherTransformGetsItsOwn()
    {
        var template = TemplateText.LoadValid("""
            channels:
              FSC: FSC-A
              DiOC6: FITC-A
              PI: PE-A
              DDAO: APC-A
            transforms:
              DiOC6: { type: logicle, T: 262144, W: 0.5, M: 4.5, A: 0 }
              PI: { type: logicle, T: 262144, W: 0.5, M: 4.5, A: 0 }
              DDAO: { type: logicle, T: 262144, W: 1, M: 4.5, A: 0 }
            gates:
              - { id: cells, type: range, channel: FSC, min: 1000 }
            """);

        var transforms = CompiledTemplate.Compile(template).Transforms;

        Assert.Same(transforms["DiOC6"], transforms["PI"]);
        Assert.NotSame(transforms["DiOC6"], transforms["DDAO"]);
        Assert.Equal(transforms["DDAO"].Forward(1000), new LogicleTransform(262144, 1, 4.5, 0).Forward(1000));
        Assert.NotEqual(transforms["PI"].Forward(1000), transforms["DDAO"].Forward(1000));
    }

    [Fact]
    public void Range_InDataUnits_OnALogicleAxis_IncludesMinExcludesMax()
    {
        double[] pi = [-100, 999.999, 1000, 4999.999, 5000];
        var sample = Evaluate("  - { id: mid, type: range, channel: PI, min: 1000, max: 5000 }\n", [new double[5], new double[5], new double[5], pi]);

        Assert.Equal([false, false, true, true, false], Members(sample, "mid", 5));
        Assert.Equal(2, sample.Count("mid"));
        Assert.Equal(5, sample.Count("all"));
    }

    [Fact]
    public void Polygon_InDataUnits_HasStraightEdgesOnTheLogicleAxes_NotInDataSpace()
    {
        // Triangle (10,10), (100000,10), (10,100000). The point (30000, 30000) is inside it in data space
        // (30000 + 30000 < 100000), but on logicle axes the hypotenuse joins two points near 0.11 and 0.91 and the
        // point sits near (0.79, 0.79): above the line, outside. (20, 20) is inside both ways.
        double[] x = [30000, 20];
        double[] y = [30000, 20];
        var gate = "  - { id: tri, type: polygon, x: DiOC6, y: PI, vertices: [[10, 10], [100000, 10], [10, 100000]] }\n";

        var sample = Evaluate(gate, [new double[2], new double[2], x, y]);

        Assert.Equal([false, true], Members(sample, "tri", 2));
    }

    [Fact]
    public void Polygon_OnLinearAxes_IsInDataSpace()
    {
        double[] fsc = [30000, 20, 60000];
        double[] ssc = [30000, 20, 50000];
        var gate = "  - { id: tri, type: polygon, x: FSC, y: SSC, vertices: [[10, 10], [100000, 10], [10, 100000]] }\n";

        var sample = Evaluate(gate, [fsc, ssc, new double[3], new double[3]]);

        Assert.Equal([true, true, false], Members(sample, "tri", 3));
    }

    [Fact]
    public void Quadrant_NamesFollowTheSides_AndDividersStartTheUpperSide()
    {
        double[] dioc6 = [6000, 5999, 6000, 10, double.NaN];
        double[] pi = [100, 100, 3000, 3000, 100];
        var gate = """
              - id: q
                type: quadrant
                x: DiOC6
                y: PI
                at: [6000, 3000]
                quadrants:
                  viable: [positive, negative]
                  apoptotic: [negative, negative]
                  dead_high: [positive, positive]
                  dead_low: [negative, positive]

            """;

        var sample = Evaluate(gate, [new double[5], new double[5], dioc6, pi]);

        Assert.Equal([true, false, false, false, false], Members(sample, "viable", 5));
        Assert.Equal([false, true, false, false, false], Members(sample, "apoptotic", 5));
        Assert.Equal([false, false, true, false, false], Members(sample, "dead_high", 5));
        Assert.Equal([false, false, false, true, false], Members(sample, "dead_low", 5));
    }

    [Fact]
    public void Booleans_NotAndComplementedOperand_StayWithinTheirParent()
    {
        double[] fsc = [50000, 50000, 50000, 5000];
        double[] pi = [100, 5000, 100, 100];
        double[] dioc6 = [9000, 9000, 100, 9000];
        var gates = """
              - { id: cells, type: range, channel: FSC, min: 20000 }
              - { id: dead, parent: cells, type: range, channel: PI, min: 3000 }
              - { id: bright, parent: cells, type: range, channel: DiOC6, min: 6000 }
              - { id: alive, parent: cells, type: not, of: dead }
              - { id: viable, parent: cells, type: and, of: [bright, not dead] }

            """;

        var sample = Evaluate(gates, [fsc, new double[4], dioc6, pi]);

        Assert.Equal([true, false, true, false], Members(sample, "alive", 4));
        Assert.Equal([true, false, false, false], Members(sample, "viable", 4));
    }

    [Fact]
    public void Ellipse_FromRadiiAndAngle_OnDataValues()
    {
        // Centre (100000, 50000), half-axes 40000 along a 45° line and 10000 across it.
        double[] fsc = [128000, 128000, 100000, 107000];
        double[] ssc = [78000, 50000, 50000, 43000];
        var gate = "  - { id: lymph, type: ellipse, x: FSC, y: SSC, center: [100000, 50000], radii: [40000, 10000], angle: 45 }\n";

        var sample = Evaluate(gate, [fsc, ssc, new double[4], new double[4]]);

        // (28000, 28000) from the centre: 39598 along the long axis, 0 across → inside; (28000, 0): 19799 along and
        // 19799 across → outside; the centre → inside; (7000, −7000): 0 along, 9899 across → inside.
        Assert.Equal([true, false, true, true], Members(sample, "lymph", 4));
    }

    [Fact]
    public void FileCompensation_RemovesDiOC6SpillFromPi_BeforeGating()
    {
        double[] dioc6 = [100000, 100000];
        double[] pe = [15000 + 500, 15000 + 5000];
        var spill = CompensationMatrix.Square("FCS", ["FITC-A", "PE-A"], new double[,] { { 1, 0.15 }, { 0, 1 } });
        var gate = "  - { id: dead, type: range, channel: PI, min: 3000 }\n";

        var compensated = Evaluate(gate, [new double[2], new double[2], dioc6, pe], spill);
        var ignored = Evaluate(gate, [new double[2], new double[2], dioc6, pe], spill, "compensation: none");

        Assert.Equal([false, true], Members(compensated, "dead", 2));
        Assert.Equal([true, true], Members(ignored, "dead", 2));
        Assert.Equal(500, compensated.DataValues("PI")[0], 3);
        Assert.Equal(15500, ignored.DataValues("PI")[0]);
    }

    [Fact]
    public void RatioChannel_IsGatedLikeAChannel()
    {
        double[] fsc = [100, 100, 100];
        double[] ssc = [50, 150, 100];
        var sample = Evaluate(
            "  - { id: low_ratio, type: range, channel: s_per_f, max: 1 }\n",
            [fsc, ssc, new double[3], new double[3]],
            extra: "ratios:\n  s_per_f: { numerator: SSC, denominator: FSC }");

        Assert.Equal([true, false, false], Members(sample, "low_ratio", 3));
    }
}
