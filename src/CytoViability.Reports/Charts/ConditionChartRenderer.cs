using ScottPlot;
using ScottPlot.TickGenerators;
using CytoViability.Reports.Plots;

namespace CytoViability.Reports.Charts;

/// <summary>
/// Draws a <see cref="ConditionChart"/>: grey bars at the mean with s.e.m. error bars, and one dot per donor (a
/// colour per donor, the same in every chart of the report) spread a little sideways so equal values stay visible.
/// </summary>
internal static class ConditionChartRenderer
{
    private static readonly Color[] DonorColors =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189),
        new(140, 86, 75), new(227, 119, 194), new(127, 127, 127), new(188, 189, 34), new(23, 190, 207),
    ];

    /// <summary>Wider with many conditions, so each bar keeps room for its dots.</summary>
    public static RenderedImage Render(ConditionChart chart, IReadOnlyList<string> donorOrder)
        => FigureStyle.Render(Build(chart, donorOrder), Math.Max(FigureStyle.ChartWidth, (60 * chart.Bars.Count) + 240), FigureStyle.ChartHeight);

    internal static Plot Build(ConditionChart chart, IReadOnlyList<string> donorOrder)
    {
        var plot = FigureStyle.NewPlot();
        plot.Title(chart.Title, 13);
        plot.YLabel(chart.ValueLabel, 12);
        var bars = new List<Bar>(chart.Bars.Count);
        var ticks = new NumericManual();
        var low = 0.0;
        var high = 0.0;
        for (var i = 0; i < chart.Bars.Count; i++)
        {
            var condition = chart.Bars[i];
            var mean = double.IsFinite(condition.Mean) ? condition.Mean : 0;
            var sem = double.IsFinite(condition.Sem) ? condition.Sem : 0;
            bars.Add(new Bar
            {
                Position = i,
                Value = mean,
                Error = sem,
                FillColor = FigureStyle.Bar,
                LineColor = Colors.Black,
                LineWidth = 1.5f,
                Size = 0.7,
            });
            ticks.AddMajor(i, condition.Condition);
            low = Math.Min(low, mean - sem);
            high = Math.Max(high, mean + sem);
            foreach (var donor in condition.Donors)
            {
                if (double.IsFinite(donor.Value))
                {
                    low = Math.Min(low, donor.Value);
                    high = Math.Max(high, donor.Value);
                }
            }
        }

        plot.Add.Bars(bars);
        AddDonors(plot, chart, donorOrder);
        plot.Axes.Bottom.TickGenerator = ticks;
        var longest = chart.Bars.Count == 0 ? 0 : chart.Bars.Max(bar => bar.Condition.Length);
        if (longest > 10 || chart.Bars.Count > 6)
        {
            // Slanted labels end at their bar; the axis grows to hold the longest one.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = Math.Min(180, 20 + (longest * 3.8f));
            plot.Axes.Left.MinimumSize = Math.Min(180, longest * 4.5f);
        }

        var span = Math.Max(high - low, 1e-9);
        plot.Axes.SetLimits(-0.6, chart.Bars.Count - 0.4, low < 0 ? low - (0.08 * span) : 0, high + (0.1 * span));
        if (low < 0)
        {
            plot.Add.HorizontalLine(0, 1, Colors.Black);
        }

        return plot;
    }

    private static void AddDonors(Plot plot, ConditionChart chart, IReadOnlyList<string> donorOrder)
    {
        for (var d = 0; d < donorOrder.Count; d++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            var offset = donorOrder.Count == 1 ? 0 : (d - ((donorOrder.Count - 1) / 2.0)) * (0.5 / donorOrder.Count);
            for (var i = 0; i < chart.Bars.Count; i++)
            {
                foreach (var donor in chart.Bars[i].Donors)
                {
                    if (donor.Donor == donorOrder[d] && double.IsFinite(donor.Value))
                    {
                        xs.Add(i + offset);
                        ys.Add(donor.Value);
                    }
                }
            }

            if (xs.Count > 0)
            {
                var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 7, DonorColors[d % DonorColors.Length]);
                markers.LegendText = donorOrder[d];
            }
        }

        if (donorOrder.Count is > 0 and <= 12)
        {
            // Beside the data, never over a bar or a dot.
            plot.ShowLegend(Edge.Right);
        }
    }
}
