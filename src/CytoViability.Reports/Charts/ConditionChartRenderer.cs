using CytoViability.Reports.Plots;
using CytoViability.Reports.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace CytoViability.Reports.Charts;

/// <summary>
/// Draws a <see cref="ConditionChart"/>: grey bars at the mean with s.e.m. error bars and one dot per donor, or, for a
/// titration, a dose–response plot on a log concentration axis. Donors keep one colour and shape in every chart of
/// the report (Okabe–Ito colours, safe for colour-blind readers, times four shapes: 28 donors before any repeats);
/// legends sit outside the data; significance stars of the paired tests sit above their bars.
/// </summary>
internal static class ConditionChartRenderer
{
    /// <summary>Okabe & Ito (2008) without its yellow, which is lost on white.</summary>
    internal static readonly Color[] DonorColors =
    [
        new(0, 114, 178), new(230, 159, 0), new(0, 158, 115), new(213, 94, 0), new(86, 180, 233), new(204, 121, 167), new(0, 0, 0),
    ];

    private static readonly MarkerShape[] DonorShapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];

    private const int MinimumBarChartWidth = 340;

    /// <summary>Room to the right of the data for the legend.</summary>
    private const int LegendWidth = 130;

    /// <summary>Wider with many conditions, so each bar keeps room for its dots; the legend adds its own room (twice for a titration, whose legend also names each mean line).</summary>
    public static RenderedImage Render(ConditionChart chart, IReadOnlyList<string> donorOrder)
    {
        var width = chart.DoseColumn >= 0 ? FigureStyle.ChartWidth + (2 * LegendWidth) : Math.Max(MinimumBarChartWidth, (64 * chart.Bars.Count) + 200) + (donorOrder.Count > 0 ? LegendWidth : 0);
        return FigureStyle.Render(Build(chart, donorOrder), width, FigureStyle.ChartHeight);
    }

    internal static Plot Build(ConditionChart chart, IReadOnlyList<string> donorOrder)
        => chart.DoseColumn >= 0 ? DoseResponse.Build(chart, donorOrder) : BuildBars(chart, donorOrder);

    internal static Color DonorColor(int index) => DonorColors[index % DonorColors.Length];

    internal static MarkerShape DonorShape(int index) => DonorShapes[(index / DonorColors.Length) % DonorShapes.Length];

    private static Plot BuildBars(ConditionChart chart, IReadOnlyList<string> donorOrder)
    {
        var plot = FigureStyle.NewPlot();
        plot.Title(chart.Title, 13);
        plot.YLabel(chart.ValueLabel, 12);
        var bars = new List<Bar>(chart.Bars.Count);
        var ticks = new NumericManual();
        var low = 0.0;
        var high = 0.0;
        var tops = new double[chart.Bars.Count];
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
            tops[i] = mean + sem;
            foreach (var donor in condition.Donors)
            {
                if (double.IsFinite(donor.Value))
                {
                    low = Math.Min(low, donor.Value);
                    tops[i] = Math.Max(tops[i], donor.Value);
                }
            }

            high = Math.Max(high, tops[i]);
        }

        plot.Add.Bars(bars);
        AddDonors(plot, chart, donorOrder);
        plot.Axes.Bottom.TickGenerator = ticks;
        var longest = chart.Bars.Count == 0 ? 0 : chart.Bars.Max(bar => bar.Condition.Length);
        if (longest > (chart.Bars.Count <= 3 ? 14 : 10) || chart.Bars.Count > 6)
        {
            // Slanted labels end at their bar; the axis grows to hold the longest one.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = Math.Min(180, 20 + (longest * 3.8f));
            plot.Axes.Left.MinimumSize = Math.Min(180, longest * 4.5f);
        }

        var span = Math.Max(high - low, 1e-9);
        var marks = AddSignificance(plot, chart, tops, span);
        plot.Axes.SetLimits(-0.6, chart.Bars.Count - 0.4, low < 0 ? low - (0.08 * span) : 0, high + ((marks ? 0.18 : 0.1) * span));
        if (low < 0)
        {
            plot.Add.HorizontalLine(0, 1, Colors.Black);
        }

        return plot;
    }

    /// <summary>Stars (or "ns") of the paired test above each compared bar; true when any was drawn.</summary>
    private static bool AddSignificance(Plot plot, ConditionChart chart, double[] tops, double span)
    {
        var any = false;
        for (var i = 0; i < chart.Bars.Count; i++)
        {
            if (chart.Bars[i].PValue is not { } p)
            {
                continue;
            }

            var text = plot.Add.Text(ResultNumbers.Stars(p), i, tops[i] + (0.03 * span));
            text.LabelFontSize = 13;
            text.LabelFontColor = Colors.Black;
            text.LabelAlignment = Alignment.LowerCenter;
            any = true;
        }

        return any;
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
                var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), DonorShape(d), 7, DonorColor(d));
                markers.LegendText = donorOrder[d];
            }
        }

        if (donorOrder.Count > 0)
        {
            // Beside the data, never over a bar or a dot.
            plot.ShowLegend(Edge.Right);
        }
    }
}
