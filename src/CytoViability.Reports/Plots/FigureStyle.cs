using ScottPlot;
using SkiaSharp;

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
    private static readonly string SansFont = Array.Find(["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"], name => SKFontManager.Default.MatchFamily(name) is not null) ?? Fonts.Sans;

    /// <summary>A plot with the report's font and without the grid (cytometry plots have none).</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(SansFont);
        plot.HideGrid();
        return plot;
    }

    /// <summary>
    /// Renders and disposes the plot: a run draws thousands of figures, and leaving their Skia objects (the
    /// density heatmap's bitmap among them) to finalizers is the suspect in a 5,000-sample run that reached 3 GB
    /// and crashed inside libSkiaSharp.
    /// </summary>
    public static RenderedImage Render(Plot plot, int width, int height, bool svg = true)
    {
        using (plot)
        {
            return new(Png(plot, width, height), svg ? SvgIds.Renumber(plot.GetSvgXml(width, height)) : null, width, height);
        }
    }

    /// <summary>
    /// PNG with a light zlib level and the "sub" filter: three times faster than the default encoder for a few
    /// kilobytes more per figure, which is what keeps a 100-sample report within seconds.
    /// </summary>
    private static byte[] Png(Plot plot, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        plot.Render(surface);
        using var snapshot = surface.Snapshot();
        using var pixels = snapshot.PeekPixels();
        using var encoded = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 3))
            ?? throw new InvalidOperationException("SkiaSharp could not encode a " + width + " × " + height + " figure as PNG");
        return encoded.ToArray();
    }
}
