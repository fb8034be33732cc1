using CytoViability.Reports.Charts;
using CytoViability.Reports.Tests.Plots;
using SkiaSharp;

namespace CytoViability.Reports.Tests.Charts;

public sealed class ConditionChartRendererTests
{
    private const int Width = 560;
    private const int Height = 400;

    private static bool IsBarGrey(SKColor c) => Math.Abs(c.Red - 190) < 12 && Math.Abs(c.Green - 190) < 12 && Math.Abs(c.Blue - 190) < 12;

    /// <summary>Pixel row of the top of the bar's grey fill, scanning down its centre line from 85 % (inside the frame).</summary>
    private static int BarTop(Pixels pixels, double position)
    {
        var (x, top) = pixels.At(position, 85);
        for (var y = top; y < pixels.Height; y++)
        {
            if (IsBarGrey(pixels.Color(x, y)))
            {
                return y;
            }
        }

        throw new Xunit.Sdk.XunitException("no bar at position " + position);
    }

    [Fact]
    public void Render_Bars_HeightsProportionalToTheMeans()
    {
        var chart = new ConditionChart("viability", "Viability", "viable cells (%)",
        [
            new ConditionBar("untreated", 20, double.NaN, []),
            new ConditionBar("drug A", 40, double.NaN, []),
            new ConditionBar("drug B", 80, double.NaN, []),
        ]);
        using var pixels = new Pixels(ConditionChartRenderer.Build(chart, []), Width, Height);

        var (_, baseline) = pixels.At(0, 0);
        var heights = new[] { 0, 1, 2 }.Select(i => baseline - BarTop(pixels, i)).ToArray();

        Assert.InRange(heights[1] / (double)heights[0], 1.9, 2.1);
        Assert.InRange(heights[2] / (double)heights[0], 3.85, 4.15);
        Assert.InRange(BarTop(pixels, 2), pixels.At(2, 80).Y - 1, pixels.At(2, 80).Y + 3);
    }

    [Fact]
    public void Render_DonorDots_InTheDonorsColourAtTheirValues()
    {
        var chart = new ConditionChart("viability", "Viability", "viable cells (%)",
        [
            new ConditionBar("untreated", 50, 5, [new DonorPoint("D1", 45)]),
            new ConditionBar("drug", 30, 5, [new DonorPoint("D1", 12)]),
        ]);
        using var pixels = new Pixels(ConditionChartRenderer.Build(chart, ["D1"]), Width, Height);
        // The first Okabe–Ito colour, blue (0, 114, 178).
        static bool IsDonorBlue(SKColor c) => c.Red < 25 && Math.Abs(c.Green - 114) < 25 && Math.Abs(c.Blue - 178) < 25;

        Assert.True(IsDonorBlue(pixels.Color(0.0, 45.0)));
        Assert.True(IsDonorBlue(pixels.Color(1.0, 12.0)));
        Assert.False(pixels.AnyNear(0.0, 25.0, 3, IsDonorBlue));
    }

    [Fact]
    public void Render_Svg_ConditionAndDonorNamesAreEscapedText()
    {
        var chart = new ConditionChart("viability", "Viability", "viable cells (%)", [new ConditionBar("<script>alert(1)</script>", 50, 5, [new DonorPoint("<b>D1</b>", 45)])]);

        var image = ConditionChartRenderer.Render(chart, ["<b>D1</b>"]);

        Assert.StartsWith("<?xml", image.Svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", image.Svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", image.Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ErrorBars_ReachMeanPlusSem()
    {
        var chart = new ConditionChart("killing", "Killing", "killing (%)", [new ConditionBar("rituximab", 40, 10, [])]);
        using var pixels = new Pixels(ConditionChartRenderer.Build(chart, []), Width, Height);

        Assert.True(pixels.AnyNear(0.0, 50.0, 1, Pixels.IsBlack));
        Assert.True(pixels.AnyNear(0.0, 45.0, 1, Pixels.IsBlack));
        Assert.False(pixels.AnyNear(0.0, 52.5, 2, Pixels.IsBlack));
    }
}
