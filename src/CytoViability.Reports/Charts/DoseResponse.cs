using System.Globalization;
using CytoViability.Reports.Plots;
using CytoViability.Reports.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace CytoViability.Reports.Charts;

/// <summary>
/// A titration as a dose–response plot: x = concentration on a log axis (dose 0 drawn one decade below the lowest
/// dose, labelled 0), one line per series (the other condition columns, e.g. treatment · ligand) at mean ± s.e.m.
/// over donors. A zero-dose condition whose other values never come with a dose (ligand "none") is the start of
/// every series that matches it in the remaining columns.
/// </summary>
internal static class DoseResponse
{
    public static Plot Build(ConditionChart chart)
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
        for (var s = 0; s < series.Count; s++)
        {
            var (label, bars) = series[s];
            // Series a little apart sideways, so error bars at the same dose do not hide each other.
            var apart = (s - ((series.Count - 1) / 2.0)) * 0.015;
            var xs = bars.Select(bar => X(ConditionOrder.Number(bar.Values[dose]), zeroAt) + apart).ToArray();
            var ys = bars.Select(bar => bar.Mean).ToArray();
            var errors = bars.Select(bar => double.IsFinite(bar.Sem) ? bar.Sem : 0).ToArray();
            var line = plot.Add.Scatter(xs, ys, ConditionChartRenderer.DonorColor(s));
            line.LineWidth = 2;
            line.MarkerShape = ConditionChartRenderer.DonorShape(s * ConditionChartRenderer.DonorColors.Length);
            line.MarkerSize = 8;
            line.LegendText = label;
            var bar = plot.Add.ErrorBar(xs, ys, errors);
            bar.Color = ConditionChartRenderer.DonorColor(s);
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
