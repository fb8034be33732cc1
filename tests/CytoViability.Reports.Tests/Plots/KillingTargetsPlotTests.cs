using CytoViability.Core.Gating;
using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;
using CytoViability.Reports.Plots;

namespace CytoViability.Reports.Tests.Plots;

/// <summary>
/// An ADCC well with known truth, gated by the round-one adcc-killing template (fixed coordinates: targets DDAO ≥ 3,000,
/// dead targets PI ≥ 2,000): 1,000 effectors (DDAO ≈ 100, PI ≈ 100), 300 live targets (DDAO ≈ 20,000, PI ≈ 200),
/// 100 dead targets (DDAO ≈ 20,000, PI ≈ 20,000) and 50 counting beads, every cell a single cell.
/// </summary>
public sealed class KillingTargetsPlotTests
{
    private const int Effectors = 1000;
    private const int LiveTargets = 300;
    private const int DeadTargets = 100;
    private const int Beads = 50;

    private static readonly GatingTemplate Adcc = Load("adcc-killing.yaml");
    private static readonly ITransform Logicle = TransformFactory.Create(Adcc.Transforms["DDAO"]);
    private static readonly SampleGatePlots Well = Gate();

    [Fact]
    public void Build_AdccTemplate_AddsOneDdaoByPiPlotOfTheTargetsAfterTheGatePlots()
    {
        Assert.Equal(["beads", "cells", "singlets", "targets", "effectors", "dead_targets", "targets_DDAO_PI"], Well.Plots.Select(p => p.Gate));
        var plot = Well.Plots[^1];

        Assert.Equal(("singlets", "DDAO", "PI"), (plot.Parent, plot.X.Label, plot.Y!.Label));
        Assert.Equal(Effectors + LiveTargets + DeadTargets, plot.ParentCount);
        Assert.Equal(Effectors + LiveTargets + DeadTargets, plot.Density.Counts.Sum());
    }

    [Fact]
    public void Build_AdccTemplate_TargetsAndDeadTargetsOutlinedWithTheirPercentages()
    {
        var plot = Well.Plots[^1];
        var targets = plot.Outlines.Single(o => o.Population == "targets");
        var dead = plot.Outlines.Single(o => o.Population == "dead_targets");

        Assert.Equal(100.0 * (LiveTargets + DeadTargets) / (Effectors + LiveTargets + DeadTargets), targets.PercentOfParent, 9);
        Assert.Equal(100.0 * DeadTargets / (LiveTargets + DeadTargets), dead.PercentOfParent, 9);
        Assert.Equal(("Targets (DDAO+)", "Dead targets (PI+)"), (targets.Label, dead.Label));
        Assert.Equal(Logicle.Forward(3000), targets.Vertices.Min(v => v.X), 12);
        Assert.Equal((plot.Y!.Minimum, plot.Y.Maximum), (targets.Vertices.Min(v => v.Y), targets.Vertices.Max(v => v.Y)));
        Assert.Equal(Logicle.Forward(3000), dead.Vertices.Min(v => v.X), 12);
        Assert.Equal(Logicle.Forward(2000), dead.Vertices.Min(v => v.Y), 12);
    }

    [Fact]
    public void Build_AdccTemplate_TheEventsFallInTheirBoxes()
    {
        var plot = Well.Plots[^1];
        var grid = plot.Density;
        int Beyond(double x, double y)
        {
            var column = (int)Math.Ceiling((Logicle.Forward(x) - plot.X.Minimum) / (plot.X.Maximum - plot.X.Minimum) * grid.Columns);
            var row = Math.Max(0, (int)Math.Ceiling((Logicle.Forward(y) - plot.Y!.Minimum) / (plot.Y.Maximum - plot.Y.Minimum) * grid.Rows));
            var count = 0;
            for (var r = row; r < grid.Rows; r++)
            {
                for (var c = column; c < grid.Columns; c++)
                {
                    count += grid[c, r];
                }
            }

            return count;
        }

        Assert.Equal(LiveTargets + DeadTargets, Beyond(3000, -100_000));
        Assert.Equal(DeadTargets, Beyond(3000, 2000));
    }

    [Fact]
    public void Build_TemplateWithoutKilling_HasNoTargetsPlot()
    {
        var purity = new PuritySample(purePercent: 90).Plots();

        Assert.DoesNotContain(purity.Plots, plot => plot.Gate.EndsWith("_DDAO_PI", StringComparison.Ordinal));
    }

    private static SampleGatePlots Gate()
    {
        var random = new Random(11);
        var n = Effectors + LiveTargets + DeadTargets + Beads;
        double[] fsc = new double[n], fscH = new double[n], ssc = new double[n], ddao = new double[n], pi = new double[n], beads = new double[n];
        double Near(double value) => value * (0.8 + (0.4 * random.NextDouble()));
        for (var i = 0; i < n; i++)
        {
            fsc[i] = 60_000 + (60_000 * random.NextDouble());
            fscH[i] = 0.8 * fsc[i];
            ssc[i] = 5_000 + (30_000 * random.NextDouble());
            (ddao[i], pi[i], beads[i]) = i switch
            {
                < Effectors => (Near(100), Near(100), Near(200)),
                < Effectors + LiveTargets => (Near(20_000), Near(200), Near(200)),
                < Effectors + LiveTargets + DeadTargets => (Near(20_000), Near(20_000), Near(200)),
                _ => (Near(50_000), Near(50_000), Near(50_000)),
            };
        }

        var events = EventColumns.FromArrays(["FSC-A", "FSC-H", "SSC-A", "APC-A", "PE-A", "V450-A"], [fsc, fscH, ssc, ddao, pi, beads]);
        var result = Strategy().Evaluate(events);
        var plotted = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["FSC-A"] = fsc,
            ["FSC-H"] = fscH,
            ["SSC-A"] = ssc,
            ["DDAO"] = [.. ddao.Select(Logicle.Forward)],
            ["PI"] = [.. pi.Select(Logicle.Forward)],
            ["BeadChannel"] = beads,
        };
        return GatePlotBuilder.Build("CLL01_RTX_UT_1", "CLL01_RTX_UT_1.fcs", CompiledTemplate.Compile(Adcc), result, alias => plotted[alias]);
    }

    /// <summary>The template's gates written out in the gating model (data units, raw channels).</summary>
    private static GatingStrategy Strategy()
    {
        var fsc = ChannelDimension.Raw("FSC-A");
        return new GatingStrategy(
        [
            new RectangleGate("beads", null, [new DimensionBound(ChannelDimension.Raw("V450-A"), 10000, null)]),
            new BooleanGate("not_beads", null, BooleanOperation.Not, [new BooleanOperand("beads")]),
            new PolygonGate("cells", "not_beads", fsc, ChannelDimension.Raw("SSC-A"), [new(25000, -2000), new(262143, -2000), new(262143, 262143), new(45000, 262143)]),
            new PolygonGate("singlets", "cells", fsc, ChannelDimension.Raw("FSC-H"), [new(20000, 14000), new(262143, 183500), new(262143, 262143), new(174762, 262143), new(20000, 30000)]),
            new RectangleGate("targets", "singlets", [new DimensionBound(ChannelDimension.Raw("APC-A"), 3000, null)]),
            new RectangleGate("effectors", "singlets", [new DimensionBound(ChannelDimension.Raw("APC-A"), null, 3000)]),
            new RectangleGate("dead_targets", "targets", [new DimensionBound(ChannelDimension.Raw("PE-A"), 2000, null)]),
            new BooleanGate("live_targets", "targets", BooleanOperation.Not, [new BooleanOperand("dead_targets")]),
        ]);
    }

    private static GatingTemplate Load(string file)
    {
        var loaded = TemplateLoader.LoadFile(Path.Combine(TestPaths.RepositoryRoot, "tests", "data", "fixed-templates", file));
        return loaded.Template ?? throw new InvalidOperationException(string.Join("\n", loaded.Problems));
    }
}
