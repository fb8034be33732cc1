using CytoViability.Core.Experiments;
using CytoViability.Reports.Plots;
using CytoViability.Reports.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace CytoViability.Reports.Charts;

/// <summary>
/// A histogram compared across conditions, as the lab draws it: one donor (the first), one line per condition,
/// replicate wells pooled, four gate-plot bins to one and each line as % of its events per bin, on the gate plots'
/// fixed axis. For a killing assay, the dead-target gate's histogram (PI of targets) per value of the control column
/// (each antibody, or effector, against none) with the gate's bound dashed; for an MFI fold, the measured population
/// on the measured channel (CD40L-PE of live cells) per condition.
/// </summary>
internal sealed record HistogramOverlay(string Title, PlotAxis Axis, IReadOnlyList<(string Label, double[] Percent)> Lines, double? GateAt)
{
    private const int MergedBins = 4;

    /// <summary>The killing overlay: the dead gate's histogram per value of the control column, the other columns at the first condition's values.</summary>
    public static HistogramOverlay? Build(IReadOnlyList<SampleGatePlots> samples, ReportTables tables, Core.Templates.GatingTemplate? template, ConditionOrder order)
    {
        if (template?.Assays.Killing is not { Control.Count: > 0 } killing)
        {
            return null;
        }

        var compared = order.Columns.ToList().FindIndex(column => string.Equals(column, killing.Control[0].Column, StringComparison.OrdinalIgnoreCase));
        return compared < 0 ? null : Compare(samples, tables, order, plot => plot.Gate == killing.Dead && plot.Y is null, column => column == compared, withBound: true);
    }

    /// <summary>The MFI fold's overlay: the measured population's histogram on the measured channel, one line per condition.</summary>
    public static HistogramOverlay? BuildMfi(IReadOnlyList<SampleGatePlots> samples, ReportTables tables, Core.Templates.GatingTemplate? template, ConditionOrder order)
    {
        if (template?.Assays.MfiFold is not { } fold)
        {
            return null;
        }

        var name = fold.Population + "_" + fold.Channel;
        return Compare(samples, tables, order, plot => plot.Gate == name && plot.Y is null && plot.Outlines.Count == 0, _ => true, withBound: false);
    }

    /// <summary>
    /// The first donor's histograms picked by <paramref name="pick"/>, one line per combination of the condition
    /// columns that <paramref name="varies"/>, the others held at the first condition's values (in design order).
    /// </summary>
    private static HistogramOverlay? Compare(IReadOnlyList<SampleGatePlots> samples, ReportTables tables, ConditionOrder order, Func<GatePlot, bool> pick, Func<int, bool> varies, bool withBound)
    {
        if (tables.Populations is not { } populations)
        {
            return null;
        }

        var donorColumn = populations.DynamicColumns.ToList().IndexOf(SampleSheet.DonorColumn);
        var columns = order.Columns.Select(column => populations.DynamicColumns.ToList().IndexOf(column)).ToArray();
        if (donorColumn < 0 || columns.Length == 0 || columns.Any(index => index < 0))
        {
            return null;
        }

        var metadata = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var row in populations.Rows)
        {
            metadata.TryAdd(row.Sample, row.Metadata);
        }

        var histograms = new List<(IReadOnlyList<string> Condition, GatePlot Plot)>();
        string? donor = null;
        foreach (var sample in samples)
        {
            var plot = sample.Plots.FirstOrDefault(pick);
            if (plot is null || !metadata.TryGetValue(sample.Sample, out var values))
            {
                continue;
            }

            donor ??= values[donorColumn];
            if (values[donorColumn] == donor)
            {
                histograms.Add(([.. columns.Select(index => values[index])], plot));
            }
        }

        if (histograms.Count == 0)
        {
            return null;
        }

        histograms.Sort((a, b) => order.Compare(a.Condition, b.Condition));
        var first = histograms[0].Condition;
        var labels = new List<string>();
        var sums = new List<double[]>();
        foreach (var (condition, plot) in histograms)
        {
            if (Enumerable.Range(0, first.Count).Any(i => !varies(i) && !string.Equals(condition[i], first[i], StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var varied = Enumerable.Range(0, first.Count).Where(varies).ToList();
            var label = varied.Count == 1 ? order.Columns[varied[0]] + " " + condition[varied[0]] : MetricResult.Label([.. varied.Select(i => condition[i])]);
            var index = labels.IndexOf(label);
            if (index < 0)
            {
                labels.Add(label);
                sums.Add(new double[plot.Density.Counts.Length]);
                index = sums.Count - 1;
            }

            for (var bin = 0; bin < plot.Density.Counts.Length && bin < sums[index].Length; bin++)
            {
                sums[index][bin] += plot.Density.Counts[bin];
            }
        }

        var lines = new List<(string Label, double[] Percent)>();
        for (var i = 0; i < labels.Count; i++)
        {
            // Wider bins than the gate plot's: a well holds few targets, and four bins in one keep the lines readable.
            var merged = new double[(sums[i].Length + MergedBins - 1) / MergedBins];
            for (var bin = 0; bin < sums[i].Length; bin++)
            {
                merged[bin / MergedBins] += sums[i][bin];
            }

            var total = merged.Sum();
            lines.Add((labels[i], [.. merged.Select(count => total > 0 ? 100 * count / total : 0)]));
        }

        var gate = histograms[0].Plot;
        var bound = withBound && gate.Outlines.Count > 0 && gate.Outlines[0].Vertices.Count > 0 ? gate.Outlines[0].Vertices[0].X : (double?)null;
        var held = Enumerable.Range(0, first.Count).Where(i => !varies(i)).Select(i => first[i]).ToList();
        var title = gate.X.Label + " of " + gate.Parent + ", donor " + donor + (held.Count > 0 ? " (" + MetricResult.Label(held) + ")" : string.Empty);
        return lines.Count < 2 ? null : new HistogramOverlay(title, gate.X, lines, bound);
    }

    public RenderedImage Render() => FigureStyle.Render(Build(), FigureStyle.ChartWidth + 130, FigureStyle.ChartHeight);

    internal Plot Build()
    {
        var plot = FigureStyle.NewPlot();
        plot.Title(Title, 13);
        plot.XLabel(Axis.Label, 12);
        plot.YLabel("% of events per bin", 12);
        plot.Axes.Bottom.TickGenerator = Ticks(Axis);
        var high = 0.0;
        for (var i = 0; i < Lines.Count; i++)
        {
            var (label, percent) = Lines[i];
            var width = (Axis.Maximum - Axis.Minimum) / percent.Length;
            var xs = Enumerable.Range(0, percent.Length).Select(bin => Axis.Minimum + ((bin + 0.5) * width)).ToArray();
            var line = plot.Add.ScatterLine(xs, percent, ConditionChartRenderer.DonorColor(i));
            line.LineWidth = 2;
            line.LegendText = label;
            high = Math.Max(high, percent.Max());
        }

        if (GateAt is { } at)
        {
            var gate = plot.Add.VerticalLine(at, 1.5f, Colors.Black);
            gate.LinePattern = LinePattern.Dashed;
        }

        plot.Axes.SetLimits(Axis.Minimum, Axis.Maximum, 0, Math.Max(high, 1e-9) * 1.1);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>The gate plot axis's ticks (labelled decades or steps, unlabelled minor ticks) for ScottPlot.</summary>
    private static NumericManual Ticks(PlotAxis axis)
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
}
