using CytoViability.Core.Gating;
using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;
using CytoViability.Reports.Plots;

namespace CytoViability.Reports.Tests.Plots;

/// <summary>
/// A CD40L well with known truth, gated by the round-one cd40l-mfi template (fixed coordinates: live = PI &lt; 3,000):
/// 600 live cells, 400 of them CD40L ≈ 200 and 200 CD40L ≈ 20,000, and 300 dead cells (PI ≈ 20,000, CD40L ≈ 20,000).
/// </summary>
public sealed class MeasuredChannelPlotTests
{
    private const int DimLive = 400;
    private const int BrightLive = 200;
    private const int Dead = 300;

    [Fact]
    public void Build_Cd40lTemplate_AddsTheLiveCellsHistogramOnCd40lWithoutAGate()
    {
        var template = Load();
        var logicle = TransformFactory.Create(template.Transforms["CD40L"]);
        var plots = Gate(template, logicle).Plots;

        Assert.Equal(["cells", "singlets", "live", "dead", "live_CD40L"], plots.Select(p => p.Gate));
        var histogram = plots[^1];
        Assert.Equal(("live", "CD40L", (PlotAxis?)null), (histogram.Parent, histogram.X.Label, histogram.Y));
        Assert.Empty(histogram.Outlines);
        Assert.Equal(DimLive + BrightLive, histogram.ParentCount);
        Assert.Equal(DimLive + BrightLive, histogram.Density.Counts.Sum());

        // Every bright live cell lies above CD40L 2,000, every dim one below: the dead cells' CD40L is not in it.
        var split = (int)Math.Ceiling((logicle.Forward(2000) - histogram.X.Minimum) / (histogram.X.Maximum - histogram.X.Minimum) * histogram.Density.Columns);
        Assert.Equal(BrightLive, histogram.Density.Counts.Skip(split).Sum());
    }

    private static SampleGatePlots Gate(GatingTemplate template, ITransform logicle)
    {
        var random = new Random(5);
        var n = DimLive + BrightLive + Dead;
        double[] fsc = new double[n], fscH = new double[n], ssc = new double[n], cd40l = new double[n], pi = new double[n];
        double Near(double value) => value * (0.8 + (0.4 * random.NextDouble()));
        for (var i = 0; i < n; i++)
        {
            fsc[i] = 60_000 + (60_000 * random.NextDouble());
            fscH[i] = 0.8 * fsc[i];
            ssc[i] = 5_000 + (30_000 * random.NextDouble());
            (cd40l[i], pi[i]) = i switch
            {
                < DimLive => (Near(200), Near(150)),
                < DimLive + BrightLive => (Near(20_000), Near(150)),
                _ => (Near(20_000), Near(20_000)),
            };
        }

        var fscDimension = ChannelDimension.Raw("FSC-A");
        var strategy = new GatingStrategy(
        [
            new PolygonGate("cells", null, fscDimension, ChannelDimension.Raw("SSC-A"), [new(25000, -2000), new(262143, -2000), new(262143, 262143), new(45000, 262143)]),
            new PolygonGate("singlets", "cells", fscDimension, ChannelDimension.Raw("FSC-H"), [new(20000, 14000), new(262143, 183500), new(262143, 262143), new(174762, 262143), new(20000, 30000)]),
            new RectangleGate("live", "singlets", [new DimensionBound(ChannelDimension.Raw("PerCP-Cy5-5-A"), null, 3000)]),
            new RectangleGate("dead", "singlets", [new DimensionBound(ChannelDimension.Raw("PerCP-Cy5-5-A"), 3000, null)]),
        ]);
        var result = strategy.Evaluate(EventColumns.FromArrays(["FSC-A", "FSC-H", "SSC-A", "PE-A", "PerCP-Cy5-5-A"], [fsc, fscH, ssc, cd40l, pi]));
        var plotted = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["FSC-A"] = fsc,
            ["FSC-H"] = fscH,
            ["SSC-A"] = ssc,
            ["CD40L"] = [.. cd40l.Select(logicle.Forward)],
            ["PI"] = [.. pi.Select(logicle.Forward)],
        };
        return GatePlotBuilder.Build("CLL01_CD40L_UT_001", "CLL01_CD40L_UT_001.fcs", CompiledTemplate.Compile(template), result, alias => plotted[alias]);
    }

    private static GatingTemplate Load()
    {
        var loaded = TemplateLoader.LoadFile(Path.Combine(TestPaths.RepositoryRoot, "tests", "data", "fixed-templates", "cd40l-mfi.yaml"));
        return loaded.Template ?? throw new InvalidOperationException(string.Join("\n", loaded.Problems));
    }
}
