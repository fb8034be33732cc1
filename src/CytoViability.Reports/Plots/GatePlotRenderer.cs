using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace CytoViability.Reports.Plots;

/// <summary>
/// Draws a <see cref="GatePlot"/>: a pseudo-colour density plot (log of the events per bin on the Turbo map,
/// empty bins white) or a grey histogram, the gate outlined in black on top, and each population's percentage of the
/// parent beside it.
/// </summary>
internal static class GatePlotRenderer
{
    /// <summary>PNG only: a run draws thousands of gate plots, and SVG would double the report's time.</summary>
    public static RenderedImage Render(string sample, GatePlot gate) => FigureStyle.Render(Build(sample, gate), FigureStyle.GateWidth, FigureStyle.GateHeight, svg: false);

    internal static Plot Build(string sample, GatePlot gate)
    {
        var plot = FigureStyle.NewPlot();
        plot.Title(sample + " · " + gate.Gate, 12);
        plot.XLabel(gate.X.Label, 12);
        plot.Axes.Bottom.TickGenerator = Ticks(gate.X);
        if (gate.Y is { } y)
        {
            Density(plot, gate, y);
        }
        else
        {
            Histogram(plot, gate);
        }

        return plot;
    }

    internal static NumericManual Ticks(PlotAxis axis)
    {
        var ticks = new NumericManual();
        foreach (var tick in axis.Ticks)
        {
            if (tick.Label is { } label)
            {
                ticks.AddMajor(tick.Position, label);
            }
            else
            {
                ticks.AddMinor(tick.Position);
            }
        }

        return ticks;
    }

    private static void Density(Plot plot, GatePlot gate, PlotAxis y)
    {
        plot.YLabel(y.Label, 12);
        plot.Axes.Left.TickGenerator = Ticks(y);
        var grid = gate.Density;
        var intensities = new double[grid.Rows, grid.Columns];
        var maximum = 0;
        for (var row = 0; row < grid.Rows; row++)
        {
            for (var column = 0; column < grid.Columns; column++)
            {
                var count = grid[column, row];
                maximum = Math.Max(maximum, count);

                // Heatmap rows run top to bottom; grid row 0 is the lowest y.
                intensities[grid.Rows - 1 - row, column] = count == 0 ? double.NaN : Math.Log10(count);
            }
        }

        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new DensityColormap();
        heatmap.Extent = new CoordinateRect(gate.X.Minimum, gate.X.Maximum, y.Minimum, y.Maximum);
        heatmap.ManualRange = new ScottPlot.Range(0, Math.Max(Math.Log10(Math.Max(maximum, 1)), 1e-9));
        heatmap.NaNCellColor = Colors.White;
        heatmap.Smooth = false;
        foreach (var outline in gate.Outlines)
        {
            var polygon = plot.Add.Polygon([.. outline.Vertices.Select(v => new Coordinates(v.X, v.Y))]);
            polygon.FillColor = Colors.Transparent;
            polygon.LineColor = FigureStyle.Gate;
            polygon.LineWidth = FigureStyle.GateLineWidth;
            Label(plot, outline, gate.X, y.Minimum, y.Maximum);
        }

        plot.Axes.SetLimits(gate.X.Minimum, gate.X.Maximum, y.Minimum, y.Maximum);
    }

    private static void Histogram(Plot plot, GatePlot gate)
    {
        plot.YLabel("Count", 12);
        var grid = gate.Density;
        var width = (gate.X.Maximum - gate.X.Minimum) / grid.Columns;
        var xs = new double[(2 * grid.Columns) + 2];
        var ys = new double[xs.Length];
        var maximum = 1;
        for (var bin = 0; bin < grid.Columns; bin++)
        {
            var count = grid[bin, 0];
            maximum = Math.Max(maximum, count);
            xs[(2 * bin) + 1] = gate.X.Minimum + (bin * width);
            xs[(2 * bin) + 2] = gate.X.Minimum + ((bin + 1) * width);
            ys[(2 * bin) + 1] = count;
            ys[(2 * bin) + 2] = count;
        }

        xs[0] = gate.X.Minimum;
        xs[^1] = gate.X.Maximum;
        var area = plot.Add.Polygon(xs, ys);
        area.FillColor = FigureStyle.Histogram.WithAlpha(0.6);
        area.LineColor = FigureStyle.Histogram;
        var top = maximum * 1.25;
        foreach (var outline in gate.Outlines)
        {
            var left = outline.Vertices[0].X;
            var right = outline.Vertices[^1].X;
            var level = maximum * 1.08;
            foreach (var (x1, y1, x2, y2) in new[] { (left, 0.0, left, level), (right, 0.0, right, level), (left, level, right, level) })
            {
                var line = plot.Add.Line(x1, y1, x2, y2);
                line.LineColor = FigureStyle.Gate;
                line.LineWidth = FigureStyle.GateLineWidth;
            }

            Label(plot, outline with { LabelAt = new PlotPoint(Math.Clamp((left + right) / 2, gate.X.Minimum, gate.X.Maximum), top) }, gate.X, 0, top);
        }

        plot.Axes.SetLimits(gate.X.Minimum, gate.X.Maximum, 0, top);
    }

    /// <summary>The population's name and percentage, anchored at its label point and kept inside the plot.</summary>
    private static void Label(Plot plot, GateOutline outline, PlotAxis x, double yMinimum, double yMaximum)
    {
        var percent = double.IsFinite(outline.PercentOfParent) ? outline.PercentOfParent.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";
        var text = plot.Add.Text(outline.Label + "\n" + percent, outline.LabelAt.X, outline.LabelAt.Y);
        text.LabelFontSize = 11;
        text.LabelFontColor = FigureStyle.Gate;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.75);
        text.LabelPadding = 2;
        var right = outline.LabelAt.X > (x.Minimum + x.Maximum) / 2;
        var upper = outline.LabelAt.Y > (yMinimum + yMaximum) / 2;
        text.Alignment = (upper, right) switch
        {
            (true, true) => Alignment.UpperRight,
            (true, false) => Alignment.UpperLeft,
            (false, true) => Alignment.LowerRight,
            _ => Alignment.LowerLeft,
        };

        // Clear of the outline, so the label never hides the gate's edge.
        text.OffsetY = upper ? 4 : -4;
        text.OffsetX = right ? -4 : 4;
    }
}
