using System.Globalization;
using System.Text;
using CytoViability.Reports.Html;

namespace CytoViability.Reports.Plots;

/// <summary>
/// Draws a <see cref="GatePlot"/> as a small SVG, shown inline on the sample's page: a pseudo-colour density plot (log of the events per bin on the
/// Turbo map, empty bins white; the grid itself one embedded palette PNG of a pixel per bin) or a grey histogram,
/// the gate outlined in black on top, and each population's percentage of the parent beside it. Axes, ticks and
/// labels are SVG text and lines at a fixed layout, so nothing is measured or rasterised but the grid: a run draws
/// tens of thousands of gate plots, and a charting library's layout, rendering and PNG encoding took about 14 ms each.
/// </summary>
internal static class GatePlotRenderer
{
    public const int Width = 360;

    public const int Height = 330;

    /// <summary>The data area in pixels: left, top, right, bottom edges (room for tick labels and axis titles).</summary>
    public const double Left = 64;

    public const double Top = 26;

    public const double Right = 348;

    public const double Bottom = 284;

    /// <summary>Palette index of an empty bin.</summary>
    private const byte Empty = 0;

    private const int DensityLevels = 255;

    private const string Font = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

    /// <summary>White, then the density colour map in 255 steps from few to many events.</summary>
    private static readonly int[] Palette = BuildPalette();

    public static string Render(string sample, GatePlot gate)
    {
        var svg = new StringBuilder(8192);
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\" font-family=\"").Append(Font).Append("\">\n");
        svg.Append("<rect width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\" fill=\"#fff\"/>\n");
        Text(svg, (Left + Right) / 2, 17, sample + " · " + gate.Gate, 12, "middle", bold: true);

        double yMinimum;
        double yMaximum;
        if (gate.Y is { } y)
        {
            (yMinimum, yMaximum) = (y.Minimum, y.Maximum);
            Density(svg, gate);
            YAxis(svg, y.Label, y.Ticks, y.Minimum, y.Maximum);
        }
        else
        {
            var maximum = 1;
            foreach (var count in gate.Density.Counts)
            {
                maximum = Math.Max(maximum, count);
            }

            (yMinimum, yMaximum) = (0, maximum * 1.25);
            Histogram(svg, gate, yMaximum);
            YAxis(svg, "Count", CountTicks(yMaximum), 0, yMaximum);
        }

        XAxis(svg, gate.X);
        // A nested viewport over the data area clips the outlines to it without an id, so many plots share one page.
        svg.Append("<svg x=\"").Append(N(Left)).Append("\" y=\"").Append(N(Top)).Append("\" width=\"").Append(N(Right - Left)).Append("\" height=\"").Append(N(Bottom - Top))
            .Append("\" viewBox=\"").Append(N(Left)).Append(' ').Append(N(Top)).Append(' ').Append(N(Right - Left)).Append(' ').Append(N(Bottom - Top))
            .Append("\">\n<g fill=\"none\" stroke=\"#000\" stroke-width=\"2\">\n");
        foreach (var outline in gate.Outlines)
        {
            if (gate.Y is null)
            {
                var left = outline.Vertices[0].X;
                var right = outline.Vertices[^1].X;
                var level = (yMaximum / 1.25) * 1.08;
                svg.Append("<path d=\"M").Append(N(PixelX(gate.X, left))).Append(' ').Append(N(PixelY(0, yMinimum, yMaximum)))
                    .Append(" V").Append(N(PixelY(level, yMinimum, yMaximum))).Append(" H").Append(N(PixelX(gate.X, right)))
                    .Append(" V").Append(N(PixelY(0, yMinimum, yMaximum))).Append("\"/>\n");
            }
            else
            {
                svg.Append("<path d=\"");
                for (var v = 0; v < outline.Vertices.Count; v++)
                {
                    var vertex = outline.Vertices[v];
                    svg.Append(v == 0 ? "M" : " L").Append(N(PixelX(gate.X, vertex.X))).Append(' ').Append(N(PixelY(vertex.Y, yMinimum, yMaximum)));
                }

                svg.Append(" Z\"/>\n");
            }
        }

        svg.Append("</g>\n</svg>\n");
        foreach (var outline in gate.Outlines)
        {
            var at = gate.Y is null ? new PlotPoint((outline.Vertices[0].X + outline.Vertices[^1].X) / 2, yMaximum) : outline.LabelAt;
            Label(svg, outline, PixelX(gate.X, Math.Clamp(at.X, gate.X.Minimum, gate.X.Maximum)), PixelY(Math.Clamp(at.Y, yMinimum, yMaximum), yMinimum, yMaximum));
        }

        svg.Append("<rect x=\"").Append(N(Left)).Append("\" y=\"").Append(N(Top)).Append("\" width=\"").Append(N(Right - Left)).Append("\" height=\"")
            .Append(N(Bottom - Top)).Append("\" fill=\"none\" stroke=\"#000\"/>\n</svg>\n");
        return svg.ToString();
    }

    /// <summary>The horizontal pixel of plotted value <paramref name="value"/> (outside the data area beyond the axis; outlines are clipped to it).</summary>
    public static double PixelX(PlotAxis axis, double value)
        => Left + ((value - axis.Minimum) / (axis.Maximum - axis.Minimum) * (Right - Left));

    /// <summary>The vertical pixel of plotted value <paramref name="value"/> on a range (pixels grow downwards).</summary>
    public static double PixelY(double value, double minimum, double maximum)
        => Bottom - ((value - minimum) / (maximum - minimum) * (Bottom - Top));

    /// <summary>The density grid as one palette PNG stretched over the data area, a pixel per bin, drawn unsmoothed.</summary>
    private static void Density(StringBuilder svg, GatePlot gate)
    {
        var grid = gate.Density;
        var maximum = 1;
        foreach (var count in grid.Counts)
        {
            maximum = Math.Max(maximum, count);
        }

        var top = Math.Log10(maximum);
        var indices = new byte[grid.Columns * grid.Rows];
        for (var row = 0; row < grid.Rows; row++)
        {
            // Image rows run top to bottom; grid row 0 is the lowest y.
            var line = (grid.Rows - 1 - row) * grid.Columns;
            for (var column = 0; column < grid.Columns; column++)
            {
                var count = grid[column, row];
                indices[line + column] = count == 0 ? Empty : (byte)(1 + (top > 0 ? (int)Math.Round(Math.Log10(count) / top * (DensityLevels - 1)) : 0));
            }
        }

        var png = PalettePng.Encode(indices, grid.Columns, grid.Rows, Palette);
        svg.Append("<image x=\"").Append(N(Left)).Append("\" y=\"").Append(N(Top)).Append("\" width=\"").Append(N(Right - Left)).Append("\" height=\"")
            .Append(N(Bottom - Top)).Append("\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(png)).Append("\"/>\n");
    }

    private static void Histogram(StringBuilder svg, GatePlot gate, double yMaximum)
    {
        var grid = gate.Density;
        var width = (gate.X.Maximum - gate.X.Minimum) / grid.Columns;
        var baseline = N(PixelY(0, 0, yMaximum));
        svg.Append("<path fill=\"#787878\" fill-opacity=\"0.6\" stroke=\"#787878\" d=\"M").Append(N(Left)).Append(' ').Append(baseline);
        for (var bin = 0; bin < grid.Columns; bin++)
        {
            var level = N(PixelY(grid[bin, 0], 0, yMaximum));
            svg.Append(" L").Append(N(PixelX(gate.X, gate.X.Minimum + (bin * width)))).Append(' ').Append(level)
                .Append(" L").Append(N(PixelX(gate.X, gate.X.Minimum + ((bin + 1) * width)))).Append(' ').Append(level);
        }

        svg.Append(" L").Append(N(Right)).Append(' ').Append(baseline).Append(" Z\"/>\n");
    }

    private static void XAxis(StringBuilder svg, PlotAxis axis)
    {
        svg.Append("<g stroke=\"#000\">");
        foreach (var tick in axis.Ticks)
        {
            if (tick.Position >= axis.Minimum && tick.Position <= axis.Maximum)
            {
                var x = N(PixelX(axis, tick.Position));
                svg.Append("<path d=\"M").Append(x).Append(' ').Append(N(Bottom)).Append(" v").Append(tick.Label is null ? 3 : 5).Append("\"/>");
            }
        }

        svg.Append("</g>\n");
        foreach (var tick in axis.Ticks)
        {
            if (tick.Label is { } label && tick.Position >= axis.Minimum && tick.Position <= axis.Maximum)
            {
                Text(svg, PixelX(axis, tick.Position), Bottom + 17, label, 11, "middle");
            }
        }

        Text(svg, (Left + Right) / 2, Height - 8, axis.Label, 12, "middle");
    }

    private static void YAxis(StringBuilder svg, string title, IReadOnlyList<AxisTick> ticks, double minimum, double maximum)
    {
        svg.Append("<g stroke=\"#000\">");
        foreach (var tick in ticks)
        {
            if (tick.Position >= minimum && tick.Position <= maximum)
            {
                var y = N(PixelY(tick.Position, minimum, maximum));
                svg.Append("<path d=\"M").Append(N(Left)).Append(' ').Append(y).Append(" h-").Append(tick.Label is null ? 3 : 5).Append("\"/>");
            }
        }

        svg.Append("</g>\n");
        foreach (var tick in ticks)
        {
            if (tick.Label is { } label && tick.Position >= minimum && tick.Position <= maximum)
            {
                Text(svg, Left - 8, PixelY(tick.Position, minimum, maximum) + 4, label, 11, "end");
            }
        }

        var middle = N((Top + Bottom) / 2);
        svg.Append("<text font-size=\"12\" text-anchor=\"middle\" transform=\"translate(14 ").Append(middle).Append(") rotate(-90)\">")
            .Append(HtmlText.Encode(title)).Append("</text>\n");
    }

    /// <summary>About five ticks at 1, 2 or 5 × 10ⁿ events from zero, for a histogram's count axis.</summary>
    internal static List<AxisTick> CountTicks(double maximum)
    {
        var raw = maximum / 5;
        var decade = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = raw / decade <= 1 ? decade : raw / decade <= 2 ? 2 * decade : raw / decade <= 5 ? 5 * decade : 10 * decade;
        var ticks = new List<AxisTick>();
        for (var i = 0; i * step <= maximum; i++)
        {
            ticks.Add(new AxisTick(i * step, (i * step).ToString("0.##", CultureInfo.InvariantCulture)));
        }

        return ticks;
    }

    /// <summary>
    /// The population's name and percentage, beside its label point on the side facing the middle of the plot, over a
    /// white halo so the density never hides it, and clear of the outline so it never hides the gate's edge.
    /// </summary>
    private static void Label(StringBuilder svg, GateOutline outline, double x, double y)
    {
        var percent = double.IsFinite(outline.PercentOfParent) ? outline.PercentOfParent.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";
        var right = x > (Left + Right) / 2;
        var upper = y < (Top + Bottom) / 2;
        var anchorX = N(right ? x - 4 : x + 4);

        // Below the point when it is in the upper half (first baseline one cap height down), above it otherwise.
        var first = upper ? y + 4 + 11 : y - 4 - 3 - 13;
        svg.Append("<text font-size=\"11\" text-anchor=\"").Append(right ? "end" : "start")
            .Append("\" stroke=\"#fff\" stroke-opacity=\"0.75\" stroke-width=\"3\" paint-order=\"stroke\">")
            .Append("<tspan x=\"").Append(anchorX).Append("\" y=\"").Append(N(first)).Append("\">").Append(HtmlText.Encode(outline.Label)).Append("</tspan>")
            .Append("<tspan x=\"").Append(anchorX).Append("\" y=\"").Append(N(first + 13)).Append("\">").Append(HtmlText.Encode(percent)).Append("</tspan></text>\n");
    }

    private static void Text(StringBuilder svg, double x, double y, string text, int size, string anchor, bool bold = false)
    {
        svg.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" font-size=\"").Append(size).Append("\" text-anchor=\"").Append(anchor)
            .Append(bold ? "\" font-weight=\"bold\">" : "\">").Append(HtmlText.Encode(text)).Append("</text>\n");
    }

    /// <summary>A pixel coordinate to a tenth of a pixel, invariant: the same plot gives the same bytes.</summary>
    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static int[] BuildPalette()
    {
        var colormap = new DensityColormap();
        var palette = new int[DensityLevels + 1];
        palette[Empty] = 0xFFFFFF;
        for (var level = 0; level < DensityLevels; level++)
        {
            var color = colormap.GetColor(level / (double)(DensityLevels - 1));
            palette[level + 1] = (color.R << 16) | (color.G << 8) | color.B;
        }

        return palette;
    }
}
