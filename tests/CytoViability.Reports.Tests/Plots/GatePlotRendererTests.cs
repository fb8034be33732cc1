using CytoViability.Reports.Plots;

namespace CytoViability.Reports.Tests.Plots;

public sealed class GatePlotRendererTests
{
    private const int Width = 360;
    private const int Height = 330;
    private static readonly PuritySample Sample = new(purePercent: 90);

    private static Pixels Render(GatePlot plot) => new(GatePlotRenderer.Build("donor1", plot), Width, Height);

    [Fact]
    public void Render_PolygonGate_OutlineColourAlongEveryEdge()
    {
        using var pixels = Render(Sample.Plots().Plots[0]);

        (double X, double Y)[] corners = [(30000, -2000), (150000, -2000), (150000, 45000), (30000, 45000)];
        for (var edge = 0; edge < 4; edge++)
        {
            var (x1, y1) = corners[edge];
            var (x2, y2) = corners[(edge + 1) % 4];
            foreach (var t in new[] { 0.15, 0.5, 0.85 })
            {
                var x = x1 + (t * (x2 - x1));
                var y = y1 + (t * (y2 - y1));
                Assert.True(pixels.AnyNear(x, y, 1, Pixels.IsBlack), "no gate colour at (" + x + ", " + y + ")");
            }
        }
    }

    [Fact]
    public void Render_PolygonGate_NoOutlineColourAwayFromTheEdges()
    {
        using var pixels = Render(Sample.Plots().Plots[0]);

        foreach (var (x, y) in new[] { (90_000.0, 60_000.0), (90_000.0, 30_000.0), (180_000.0, 20_000.0), (175_000.0, 150_000.0) })
        {
            Assert.False(pixels.AnyNear(x, y, 2, Pixels.IsBlack), "gate colour at (" + x + ", " + y + ")");
        }
    }

    [Fact]
    public void Render_Density_EventsColouredWhereTheyAreAndWhiteWhereNoneAre()
    {
        using var pixels = Render(Sample.Plots().Plots[0]);

        // Debris (FSC 2–20K, SSC 0–10K) and lymphocytes (FSC 50–120K, SSC 5–35K) are coloured ...
        Assert.True(pixels.AnyNear(11_000.0, 5_000.0, 2, Pixels.IsColoured));
        Assert.True(pixels.AnyNear(85_000.0, 20_000.0, 2, Pixels.IsColoured));

        // ... their mirror images (had the grid been drawn upside down) and empty regions are white.
        Assert.True(Pixels.IsWhite(pixels.Color(11_000.0, 115_000.0)));
        Assert.True(Pixels.IsWhite(pixels.Color(85_000.0, 100_000.0)));
        Assert.True(Pixels.IsWhite(pixels.Color(30_000.0, 80_000.0)));
    }

    [Fact]
    public void Render_Quadrant_DividersDrawnAtTheLogicleValuesOfTheTemplate()
    {
        var quadrant = Sample.Plots().Plots[2];
        using var pixels = Render(quadrant);
        var x = Sample.Cd5.Forward(1000);
        var y = Sample.Cd19.Forward(1500);

        foreach (var t in new[] { 0.05, 0.3, 0.95 })
        {
            Assert.True(pixels.AnyNear(x, t, 1, Pixels.IsBlack), "no vertical divider at y " + t);
            Assert.True(pixels.AnyNear(t, y, 1, Pixels.IsBlack), "no horizontal divider at x " + t);
        }

        Assert.False(pixels.AnyNear(x + 0.1, 0.3, 2, Pixels.IsBlack));
    }

    [Fact]
    public void Render_RangeGateHistogram_GateLinesAtBothEndsAndNotBetween()
    {
        var axis = new PlotAxis("PI", 0, 1, [new AxisTick(0.5, "10³")]);
        var counts = new int[100];
        for (var i = 0; i < 100; i++)
        {
            counts[i] = i is >= 60 and < 80 ? 500 : 50;
        }

        var gate = new GateOutline("dead_targets", "Dead targets", 40, [new PlotPoint(0.4, 0), new PlotPoint(0.7, 0)], new PlotPoint(0.55, 1));
        var plot = new GatePlot("dead_targets", "targets", axis, null, new DensityGrid(100, 1, counts), 7000, [gate]);
        using var pixels = Render(plot);

        foreach (var y in new[] { 100.0, 300, 520 })
        {
            Assert.True(pixels.AnyNear(0.4, y, 1, Pixels.IsBlack), "no left gate line at count " + y);
            Assert.True(pixels.AnyNear(0.7, y, 1, Pixels.IsBlack), "no right gate line at count " + y);
        }

        Assert.False(pixels.AnyNear(0.55, 300, 2, Pixels.IsBlack));

        // The histogram is filled up to each bin's count and empty above it.
        Assert.False(Pixels.IsWhite(pixels.Color(0.65, 450.0)));
        Assert.True(Pixels.IsWhite(pixels.Color(0.2, 150.0)));
    }

    [Fact]
    public void Render_GatePlot_IsAPngWithoutSvg()
    {
        var image = GatePlotRenderer.Render("<script>alert(1)</script>", Sample.Plots().Plots[1]);

        Assert.Null(image.Svg);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Png[..4]);
    }
}
