using CytoViability.Reports.Plots;
using SkiaSharp;

namespace CytoViability.Reports.Tests.Plots;

public sealed class GatePlotRendererTests
{
    private const double Tolerance = 0.11;
    private static readonly PuritySample Sample = new(purePercent: 90);

    private static GateSvg Render(GatePlot plot) => new(GatePlotRenderer.Render("donor1", plot));

    private static void AssertNear((double X, double Y) expected, (double X, double Y) actual)
    {
        Assert.True(Math.Abs(expected.X - actual.X) <= Tolerance && Math.Abs(expected.Y - actual.Y) <= Tolerance, "expected " + expected + ", drawn at " + actual);
    }

    [Fact]
    public void Render_PolygonGate_OutlineThroughTheTemplatesFourCornersOnTheScatterAxes()
    {
        var plot = Sample.Plots().Plots[0];
        using var svg = Render(plot);

        var outline = Assert.Single(svg.GatePaths());
        (double X, double Y)[] corners = [(30000, -2000), (150000, -2000), (150000, 45000), (30000, 45000)];
        Assert.Equal(corners.Length, outline.Count);
        for (var i = 0; i < corners.Length; i++)
        {
            AssertNear((GateSvg.PixelX(plot.X, corners[i].X), GateSvg.PixelY(corners[i].Y, plot.Y!.Minimum, plot.Y.Maximum)), outline[i]);
        }
    }

    [Fact]
    public void Render_Density_EventsColouredWhereTheyAreAndWhiteWhereNoneAre()
    {
        var plot = Sample.Plots().Plots[0];
        using var svg = Render(plot);

        // One raster pixel per bin, stretched over the data area.
        Assert.Equal((plot.Density.Columns, plot.Density.Rows), (svg.Raster!.Width, svg.Raster.Height));
        Assert.Equal((GatePlotRenderer.Left, GatePlotRenderer.Top, GatePlotRenderer.Right - GatePlotRenderer.Left, GatePlotRenderer.Bottom - GatePlotRenderer.Top), svg.RasterArea);

        // Debris (FSC 2–20K, SSC 0–10K) and lymphocytes (FSC 50–120K, SSC 5–35K) are coloured ...
        Assert.True(Pixels.IsColoured(svg.BinColor(plot, 11_000, 5_000)));
        Assert.True(Pixels.IsColoured(svg.BinColor(plot, 85_000, 20_000)));

        // ... their mirror images (had the grid been drawn upside down) and empty regions are white.
        Assert.Equal(SKColors.White, svg.BinColor(plot, 11_000, 115_000));
        Assert.Equal(SKColors.White, svg.BinColor(plot, 85_000, 100_000));
        Assert.Equal(SKColors.White, svg.BinColor(plot, 30_000, 80_000));
    }

    [Fact]
    public void Render_Density_TheFullestBinIsRedderThanABinOfOneEvent()
    {
        var counts = new int[16];
        counts[0] = 1;
        counts[15] = 1000;
        var axis = new PlotAxis("x", 0, 1, []);
        using var svg = Render(new GatePlot("g", "p", axis, axis, new DensityGrid(4, 4, counts), 1001, []));

        // Grid row 0 (counts 0–3) is the raster's bottom row; bin (3, 3) its top right.
        var single = svg.Raster!.GetPixel(0, 3);
        var fullest = svg.Raster.GetPixel(3, 0);
        Assert.True(single.Blue > single.Red, "one event: " + single);
        Assert.True(fullest.Red > fullest.Blue, "1,000 events: " + fullest);
        Assert.Equal(SKColors.White, svg.Raster.GetPixel(1, 1));
    }

    [Fact]
    public void Render_Quadrant_DividersDrawnAtTheLogicleValuesOfTheTemplate()
    {
        var quadrant = Sample.Plots().Plots[2];
        using var svg = Render(quadrant);
        var x = GateSvg.PixelX(quadrant.X, Sample.Cd5.Forward(1000));
        var y = GateSvg.PixelY(Sample.Cd19.Forward(1500), quadrant.Y!.Minimum, quadrant.Y.Maximum);

        var outlines = svg.GatePaths();
        Assert.Equal(4, outlines.Count);
        Assert.All(outlines, outline =>
        {
            Assert.Contains(outline, vertex => Math.Abs(vertex.X - x) <= Tolerance);
            Assert.Contains(outline, vertex => Math.Abs(vertex.Y - y) <= Tolerance);
        });
    }

    [Fact]
    public void Render_RangeGateHistogram_GateLinesAtBothEnds_BarsAsHighAsTheirCounts()
    {
        var axis = new PlotAxis("PI", 0, 1, [new AxisTick(0.5, "10³")]);
        var counts = new int[100];
        for (var i = 0; i < 100; i++)
        {
            counts[i] = i is >= 60 and < 80 ? 500 : 50;
        }

        var gate = new GateOutline("dead_targets", "Dead targets", 40, [new PlotPoint(0.4, 0), new PlotPoint(0.7, 0)], new PlotPoint(0.55, 1));
        var plot = new GatePlot("dead_targets", "targets", axis, null, new DensityGrid(100, 1, counts), 7000, [gate]);
        using var svg = Render(plot);

        // The count axis runs to 1.25 × the highest bin (625), the gate's bracket at 1.08 × (540).
        var outline = Assert.Single(svg.GatePaths());
        double[] xs = [0.4, 0.4, 0.7, 0.7];
        double[] ys = [0, 540, 540, 0];
        Assert.Equal(4, outline.Count);
        for (var i = 0; i < 4; i++)
        {
            AssertNear((GateSvg.PixelX(axis, xs[i]), GateSvg.PixelY(ys[i], 0, 625)), outline[i]);
        }

        // Bin 65 (x 0.65–0.66) is filled to 500 events, bin 20 (x 0.20–0.21) to 50.
        var histogram = svg.HistogramPath();
        Assert.Contains(histogram, vertex => Math.Abs(vertex.X - GateSvg.PixelX(axis, 0.65)) <= Tolerance && Math.Abs(vertex.Y - GateSvg.PixelY(500, 0, 625)) <= Tolerance);
        Assert.Contains(histogram, vertex => Math.Abs(vertex.X - GateSvg.PixelX(axis, 0.20)) <= Tolerance && Math.Abs(vertex.Y - GateSvg.PixelY(50, 0, 625)) <= Tolerance);
        Assert.Contains("Dead targets", svg.Texts());
        Assert.Contains("40.0 %", svg.Texts());
        Assert.Contains("10³", svg.Texts());
    }

    [Fact]
    public void Render_SampleNameWithMarkup_ShownAsTextInWellFormedSvgWithoutScripts()
    {
        var svg = GatePlotRenderer.Render("<script>alert(1)</script>", Sample.Plots().Plots[1]);
        using var parsed = new GateSvg(svg);

        Assert.Contains("<script>alert(1)</script> · singlets", parsed.Texts());
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(parsed.Document.Descendants(), element => element.Name.LocalName == "script");
    }

    [Fact]
    public void Render_SamePlotTwice_SameBytes()
    {
        var plot = Sample.Plots().Plots[0];

        Assert.Equal(GatePlotRenderer.Render("donor1", plot), GatePlotRenderer.Render("donor1", plot));
    }

    [Fact]
    public void CountTicks_StepsOf1_2Or5TimesAPowerOfTen_FromZeroToTheTop()
    {
        // 625 / 5 = 125 events: the next step of 1, 2 or 5 × 10ⁿ is 200.
        Assert.Equal(["0", "200", "400", "600"], GatePlotRenderer.CountTicks(625).Select(tick => tick.Label));
        Assert.Equal(["0", "0.5", "1"], GatePlotRenderer.CountTicks(1.25).Select(tick => tick.Label));
        Assert.Equal([0.0, 5000, 10000, 15000, 20000], GatePlotRenderer.CountTicks(24_000).Select(tick => tick.Position));
    }
}
