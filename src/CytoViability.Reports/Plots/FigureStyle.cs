using ScottPlot;

namespace CytoViability.Reports.Plots;

/// <summary>Colours and sizes every figure shares.</summary>
internal static class FigureStyle
{
    /// <summary>Gate outlines are black, as in acquisition and analysis software; the density colours never reach black.</summary>
    public static readonly Color Gate = Colors.Black;

    public static readonly Color Histogram = new(120, 120, 120);

    public static readonly Color Bar = new(190, 190, 190);

    public const float GateLineWidth = 2;

    public const int GateWidth = 360;

    public const int GateHeight = 330;

    public const int ChartWidth = 560;

    public const int ChartHeight = 400;

    /// <summary>The first installed of the fonts the report prefers; ScottPlot's own pick on this system may be a serif.</summary>
    private static readonly string SansFont = Array.Find(["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"], name => SkiaSharp.SKFontManager.Default.MatchFamily(name) is not null) ?? Fonts.Sans;

    /// <summary>A plot with the report's font and without the grid (cytometry plots have none).</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(SansFont);
        plot.HideGrid();
        return plot;
    }

    public static RenderedImage Render(Plot plot, int width, int height)
        => new(plot.GetImageBytes(width, height, ImageFormat.Png), plot.GetSvgXml(width, height));
}
