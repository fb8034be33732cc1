using System.Globalization;
using CytoViability.Reports.Plots;
using CytoViability.Reports.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace CytoViability.Reports.Charts;

/// <summary>
/// A titration as a dose–response plot: x = concentration on a log axis (dose 0 drawn one decade below the lowest
/// dose, labelled 0). Each series (the other condition columns, e.g. treatment · ligand) is one thin line per donor,
/// in the donor's colour and shape of every other chart, and a thick black line at mean ± s.e.m. over donors; the
/// series differ by line pattern. A zero-dose condition whose other values never come with a dose (ligand "none")
/// is the start of every series that matches it in the remaining columns.
/// </summary>
internal static class DoseResponse
{
    private static readonly LinePattern[] SeriesPatterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    public static Plot Build(ConditionChart chart, IReadOnlyList<string> donorOrder)
    {
        var plot = FigureStyle.NewPlot();
        plot.Title(chart.Title, 13);
        plot.YLabel(chart.ValueLabel, 12);
        plot.XLabel(chart.DoseLabel + " (log scale)", 12);
        var dose = chart.DoseColumn;
        var positive = chart.Bars.Select(bar => ConditionOrder.Number(bar.Values[dose])).Where(value => value > 0).ToList();
        var zeroAt = Math.Floor(Math.Log10(positive.Min())) - 1;
        var series = Series(chart.Bars, dose);
        var low = 0.0;
        var high = 0.0;
        var donorInLegend = new bool[donorOrder.Count];
        for (var s = 0; s < series.Count; s++)
        {
            var (label, bars) = series[s];
            var pattern = SeriesPatterns[s % SeriesPatterns.Length];
            // Series a little apart sideways, so error bars at the same dose do not hide each other.
            var apart = (s - ((series.Count - 1) / 2.0)) * 0.015;
            var xs = bars.Select(bar => X(ConditionOrder.Number(bar.Values[dose]), zeroAt) + apart).ToArray();
            for (var d = 0; d < donorOrder.Count; d++)
            {
                var (donorXs, donorYs) = DonorLine(bars, xs, donorOrder[d]);
                if (donorXs.Length == 0)
                {
                    continue;
                }

                var donorLine = plot.Add.Scatter(donorXs, donorYs, ConditionChartRenderer.DonorColor(d));
                donorLine.LineWidth = 1;
                donorLine.LinePattern = pattern;
                donorLine.MarkerShape = ConditionChartRenderer.DonorShape(d);
                donorLine.MarkerSize = 6;
                if (!donorInLegend[d])
                {
                    donorLine.LegendText = donorOrder[d];
                    donorInLegend[d] = true;
                }

                foreach (var y in donorYs)
                {
                    low = Math.Min(low, y);
                    high = Math.Max(high, y);
                }
            }

            var ys = bars.Select(bar => bar.Mean).ToArray();
            var errors = bars.Select(bar => double.IsFinite(bar.Sem) ? bar.Sem : 0).ToArray();
            var mean = plot.Add.Scatter(xs, ys, Colors.Black);
            mean.LineWidth = 2.5f;
            mean.LinePattern = pattern;
            mean.MarkerShape = MarkerShape.OpenCircle;
            mean.MarkerSize = 8;
            mean.LegendText = "mean ± s.e.m. " + label;
            var bar = plot.Add.ErrorBar(xs, ys, errors);
            bar.Color = Colors.Black;
            for (var i = 0; i < ys.Length; i++)
            {
                low = Math.Min(low, ys[i] - errors[i]);
                high = Math.Max(high, ys[i] + errors[i]);
            }
        }

        var ticks = new NumericManual();
        ticks.AddMajor(zeroAt, "0");
        foreach (var value in positive.Distinct().Order())
        {
            ticks.AddMajor(Math.Log10(value), value.ToString("G4", CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        var right = Math.Max(Math.Log10(positive.Max()), zeroAt + 1);
        plot.Axes.Bottom.MinimumSize = 40;
        var span = Math.Max(high - low, 1e-9);
        plot.Axes.SetLimits(zeroAt - 0.3, right + 0.3, low < 0 ? low - (0.08 * span) : 0, high + (0.1 * span));
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>One donor's values along a series, at the series' x positions, skipping doses the donor lacks.</summary>
    private static (double[] Xs, double[] Ys) DonorLine(List<ConditionBar> bars, double[] xs, string donor)
    {
        var donorXs = new List<double>(bars.Count);
        var donorYs = new List<double>(bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            foreach (var point in bars[i].Donors)
            {
                if (point.Donor == donor && double.IsFinite(point.Value))
                {
                    donorXs.Add(xs[i]);
                    donorYs.Add(point.Value);
                }
            }
        }

        return (donorXs.ToArray(), donorYs.ToArray());
    }

    /// <summary>Where a dose sits on the axis: log10 of a positive dose, <paramref name="zeroAt"/> for none.</summary>
    internal static double X(double dose, double zeroAt) => dose > 0 ? Math.Log10(dose) : zeroAt;

    /// <summary>The lines: bars grouped by their values in every column but the dose, each line in dose order.</summary>
    internal static List<(string Label, List<ConditionBar> Bars)> Series(IReadOnlyList<ConditionBar> bars, int dose)
    {
        var withDose = bars.Where(bar => ConditionOrder.Number(bar.Values[dose]) > 0).ToList();
        var series = new List<(string Label, List<ConditionBar> Bars)>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var bar in withDose)
        {
            var key = Label(bar.Values, dose);
            if (!byKey.TryGetValue(key, out var index))
            {
                index = series.Count;
                byKey[key] = index;
                series.Add((key, []));
            }

            series[index].Bars.Add(bar);
        }

        foreach (var zero in bars.Where(bar => ConditionOrder.Number(bar.Values[dose]) <= 0))
        {
            var joined = false;
            foreach (var (_, members) in series)
            {
                if (Matches(zero, members[0], dose, withDose))
                {
                    members.Insert(0, zero);
                    joined = true;
                }
            }

            if (!joined)
            {
                series.Add((Label(zero.Values, dose), [zero]));
            }
        }

        return series;
    }

    /// <summary>Same values as the series, except in columns where the zero dose's value never comes with a dose.</summary>
    private static bool Matches(ConditionBar zero, ConditionBar member, int dose, List<ConditionBar> withDose)
    {
        for (var i = 0; i < zero.Values.Count; i++)
        {
            if (i == dose || string.Equals(zero.Values[i], member.Values[i], StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (withDose.Any(bar => string.Equals(bar.Values[i], zero.Values[i], StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return true;
    }

    private static string Label(IReadOnlyList<string> values, int dose)
        => MetricResult.Label([.. values.Where((_, i) => i != dose)]);
}
