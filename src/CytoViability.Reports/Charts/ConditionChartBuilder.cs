using CytoViability.Core.Experiments;
using CytoViability.Core.Output;
using CytoViability.Core.Templates;

namespace CytoViability.Reports.Charts;

/// <summary>
/// The condition charts of a run: one per metric of summary.csv (bars = its rows), and the killing charts, one per
/// antibody. Donor dots come from the per-donor tables: killing.csv for percent dead and killing, mfi_fold.csv for
/// MFI and log₂ fold, and populations.csv (with the template's assay populations) for viability and purity.
/// </summary>
internal static class ConditionChartBuilder
{
    private const char KeySeparator = '\u001f';

    public static ChartSet Build(ReportTables tables, GatingTemplate? template)
    {
        if (tables.Summary is not { } summary)
        {
            return new ChartSet([], [], []);
        }

        var columns = summary.DynamicColumns;
        var donors = new DonorValues(columns);
        if (tables.Killing is { } killing)
        {
            foreach (var row in killing.Rows)
            {
                donors.Add("percent_dead", killing.DynamicColumns, row.Conditions, row.Donor, row.PercentDead);
                donors.Add("percent_killing", killing.DynamicColumns, row.Conditions, row.Donor, row.PercentKilling);
            }
        }

        if (tables.MfiFold is { } folds)
        {
            foreach (var row in folds.Rows)
            {
                donors.Add("log2_fold", folds.DynamicColumns, row.Conditions, row.Donor, row.Log2Fold);
                donors.Add("mfi", folds.DynamicColumns, row.Conditions, row.Donor, row.GeometricMean);
            }
        }

        if (tables.Populations is { } populations && template is not null)
        {
            if (template.Assays.Viability is { } viability)
            {
                donors.AddPercents("viability", populations, viability.Population, viability.Of);
            }

            if (template.Assays.Purity is { } purity)
            {
                donors.AddPercents("purity", populations, purity.Population, purity.Of);
            }
        }

        var metrics = new List<ConditionChart>();
        var order = new List<string>();
        var byMetric = new Dictionary<string, List<ConditionBar>>(StringComparer.Ordinal);
        foreach (var row in summary.Rows)
        {
            if (!byMetric.TryGetValue(row.Metric, out var bars))
            {
                bars = [];
                byMetric[row.Metric] = bars;
                order.Add(row.Metric);
            }

            bars.Add(new ConditionBar(ConditionLabel(row.Conditions), row.Mean, row.Sem, donors.Get(row.Metric, row.Conditions)));
        }

        foreach (var metric in order)
        {
            metrics.Add(new ConditionChart(metric, Title(metric), ValueLabel(metric), byMetric[metric]));
        }

        return new ChartSet(metrics, KillingCharts(summary, donors), donors.Donors);
    }

    /// <summary>Percent killing split by the antibody column (ADCC); one chart when there is no such column.</summary>
    private static List<ConditionChart> KillingCharts(ResultTable<SummaryRow> summary, DonorValues donors)
    {
        var columns = summary.DynamicColumns;
        var antibody = -1;
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], "antibody", StringComparison.OrdinalIgnoreCase))
            {
                antibody = i;
            }
        }

        var charts = new List<ConditionChart>();
        var groups = new Dictionary<string, List<ConditionBar>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in summary.Rows)
        {
            if (row.Metric != "percent_killing")
            {
                continue;
            }

            var group = antibody >= 0 ? row.Conditions[antibody] : string.Empty;
            if (!groups.TryGetValue(group, out var bars))
            {
                bars = [];
                groups[group] = bars;
                order.Add(group);
            }

            var others = new List<string>(row.Conditions.Count);
            for (var i = 0; i < row.Conditions.Count; i++)
            {
                if (i != antibody)
                {
                    others.Add(row.Conditions[i]);
                }
            }

            bars.Add(new ConditionBar(ConditionLabel(others), row.Mean, row.Sem, donors.Get(row.Metric, row.Conditions)));
        }

        foreach (var group in order)
        {
            var title = antibody >= 0 ? "Killing with " + columns[antibody] + " " + group : "Killing";
            charts.Add(new ConditionChart("killing_" + group, title, ValueLabel("percent_killing"), groups[group]));
        }

        return charts;
    }

    private static string ConditionLabel(IReadOnlyList<string> values)
    {
        var parts = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (value.Length > 0)
            {
                parts.Add(value);
            }
        }

        return parts.Count == 0 ? "all" : string.Join(" · ", parts);
    }

    private static string Title(string metric) => metric switch
    {
        "viability" => "Viability",
        "purity" => "Purity",
        "percent_dead" => "Dead targets",
        "percent_killing" => "Killing",
        "mfi" => "Geometric MFI",
        "log2_fold" => "MFI fold change",
        _ => metric,
    };

    private static string ValueLabel(string metric) => metric switch
    {
        "viability" => "viable cells (%)",
        "purity" => "purity (%)",
        "percent_dead" => "dead targets (%)",
        "percent_killing" => "killing (%)",
        "mfi" => "geometric MFI",
        "log2_fold" => "log₂ fold MFI",
        _ => metric,
    };

    /// <summary>Per-donor values by metric and condition, donors in order of first appearance.</summary>
    private sealed class DonorValues(IReadOnlyList<string> columns)
    {
        private readonly Dictionary<(string Metric, string Key), List<DonorPoint>> _points = [];
        private readonly List<string> _donors = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Donors => _donors;

        public IReadOnlyList<DonorPoint> Get(string metric, IReadOnlyList<string> conditions)
            => _points.TryGetValue((metric, string.Join(KeySeparator, conditions)), out var points) ? points : [];

        /// <summary>A value whose condition columns are <paramref name="rowColumns"/>; columns the summary lacks are ignored.</summary>
        public void Add(string metric, IReadOnlyList<string> rowColumns, IReadOnlyList<string> rowValues, string donor, double value)
        {
            if (Key(rowColumns, rowValues) is { } key)
            {
                Add(metric, key, donor, value);
            }
        }

        /// <summary>
        /// 100 · count(population) / count(of) per sample from populations.csv, replicate wells averaged per donor.
        /// </summary>
        public void AddPercents(string metric, ResultTable<PopulationRow> populations, string population, string of)
        {
            var counts = new Dictionary<string, (long Population, long Of, PopulationRow Row)>(StringComparer.Ordinal);
            foreach (var row in populations.Rows)
            {
                if (row.Population != population && row.Population != of)
                {
                    continue;
                }

                counts.TryGetValue(row.Sample, out var entry);
                entry.Row = row;
                if (row.Population == population)
                {
                    entry.Population = row.Count;
                }

                if (row.Population == of)
                {
                    entry.Of = row.Count;
                }

                counts[row.Sample] = entry;
            }

            var donorColumn = IndexOf(populations.DynamicColumns, SampleSheet.DonorColumn);
            var wells = new Dictionary<(string Donor, string Key), (double Sum, int Count)>();
            var order = new List<(string Donor, string Key)>();
            foreach (var (_, entry) in counts)
            {
                if (entry.Of == 0 || donorColumn < 0 || Key(populations.DynamicColumns, entry.Row.Metadata) is not { } key)
                {
                    continue;
                }

                var id = (entry.Row.Metadata[donorColumn], key);
                if (!wells.TryGetValue(id, out var sum))
                {
                    order.Add(id);
                }

                wells[id] = (sum.Sum + (100.0 * entry.Population / entry.Of), sum.Count + 1);
            }

            foreach (var id in order)
            {
                var (sum, count) = wells[id];
                Add(metric, id.Key, id.Donor, sum / count);
            }
        }

        private void Add(string metric, string key, string donor, double value)
        {
            if (!_points.TryGetValue((metric, key), out var points))
            {
                points = [];
                _points[(metric, key)] = points;
            }

            points.Add(new DonorPoint(donor, value));
            if (_seen.Add(donor))
            {
                _donors.Add(donor);
            }
        }

        private string? Key(IReadOnlyList<string> rowColumns, IReadOnlyList<string> rowValues)
        {
            var values = new string[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                var index = IndexOf(rowColumns, columns[i]);
                if (index < 0 || index >= rowValues.Count)
                {
                    return null;
                }

                values[i] = rowValues[index];
            }

            return string.Join(KeySeparator, values);
        }

        private static int IndexOf(IReadOnlyList<string> list, string value)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
