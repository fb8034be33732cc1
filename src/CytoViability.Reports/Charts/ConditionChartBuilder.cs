using CytoViability.Core.Csv;
using CytoViability.Core.Experiments;
using CytoViability.Core.Output;
using CytoViability.Core.Templates;
using CytoViability.Reports.Results;

namespace CytoViability.Reports.Charts;

/// <summary>
/// The condition charts of a run: one per metric of summary.csv (bars = its rows), and the killing charts, one per
/// antibody. Donor dots come from the per-donor tables: killing.csv for percent dead and killing, mfi_fold.csv for
/// MFI and log₂ fold, and populations.csv (with the template's assay populations) for viability and purity.
/// </summary>
internal static class ConditionChartBuilder
{
    private const char KeySeparator = '\u001f';

    /// <summary>Condition columns whose numbers are a dose: a titration is drawn as a dose–response plot on them.</summary>
    private static readonly string[] DoseColumns = ["concentration", "dose", "conc"];

    public static ChartSet Build(ReportTables tables, GatingTemplate? template, CsvTable? sheet = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? stated = null)
    {
        if (tables.Summary is not { } summary)
        {
            return new ChartSet([], [], []);
        }

        var columns = summary.DynamicColumns;
        var order = new ConditionOrder(columns, sheet, template, summary.Rows.Select(row => row.Conditions), stated);
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

        var rows = new List<SummaryRow>(summary.Rows);
        rows.Sort((a, b) => order.Compare(a.Conditions, b.Conditions));
        var test = Test(order, template);
        var dose = DoseColumn(columns, rows, order);
        var metrics = new List<ConditionChart>();
        var names = new List<string>();
        var byMetric = new Dictionary<string, List<ConditionBar>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Metric == "percent_killing")
            {
                continue;
            }

            if (!byMetric.TryGetValue(row.Metric, out var bars))
            {
                bars = [];
                byMetric[row.Metric] = bars;
                names.Add(row.Metric);
            }

            bars.Add(Bar(ConditionLabel(row.Conditions), row, donors));
        }

        foreach (var metric in OrderOfFirstAppearance(summary.Rows, names))
        {
            var chart = new ConditionChart(metric, MetricText.Title(metric, template), MetricText.Unit(metric), byMetric[metric])
            {
                DoseColumn = dose,
                DoseLabel = dose >= 0 ? columns[dose] : string.Empty,
                Test = test,
            };
            if (!IsEmpty(chart))
            {
                metrics.Add(chart);
            }
        }

        return new ChartSet(metrics, KillingCharts(rows, columns, order, donors, template, test), donors.Donors);
    }

    /// <summary>
    /// Percent killing, one chart per antibody when the experiment has an antibody column (ADCC). The control
    /// condition (no antibody, no effector) is left out: its killing is zero by definition.
    /// </summary>
    private static List<ConditionChart> KillingCharts(List<SummaryRow> rows, IReadOnlyList<string> columns, ConditionOrder order, DonorValues donors, GatingTemplate? template, string test)
    {
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
        var names = new List<string>();
        foreach (var row in rows)
        {
            if (row.Metric != "percent_killing" || IsControl(row.Conditions, order))
            {
                continue;
            }

            var group = antibody >= 0 ? row.Conditions[antibody] : string.Empty;
            if (!groups.TryGetValue(group, out var bars))
            {
                bars = [];
                groups[group] = bars;
                names.Add(group);
            }

            var others = new List<string>(row.Conditions.Count);
            for (var i = 0; i < row.Conditions.Count; i++)
            {
                if (i != antibody)
                {
                    others.Add(row.Conditions[i]);
                }
            }

            bars.Add(Bar(ConditionLabel(others), row, donors));
        }

        var title = MetricText.Title("percent_killing", template);
        foreach (var group in names)
        {
            var chart = new ConditionChart("killing_" + group, antibody >= 0 ? "Killing with " + group : title, MetricText.Unit("percent_killing"), groups[group]) { Test = test };
            if (!IsEmpty(chart))
            {
                charts.Add(chart);
            }
        }

        return charts;
    }

    private static ConditionBar Bar(string label, SummaryRow row, DonorValues donors)
        => new(label, row.Mean, row.Sem, donors.Get(row.Metric, row.Conditions))
        {
            Values = row.Conditions,
            DonorCount = row.DonorCount,
            PValue = row.PValue is { } p && double.IsFinite(p) ? p : null,
        };

    /// <summary>A condition the template names as a value's control (killing's no antibody or no effector).</summary>
    private static bool IsControl(IReadOnlyList<string> conditions, ConditionOrder order)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            if (order.IsControl(i, conditions[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A chart with nothing to see: no bars, or every mean and donor value zero or missing.</summary>
    private static bool IsEmpty(ConditionChart chart)
    {
        foreach (var bar in chart.Bars)
        {
            if (double.IsFinite(bar.Mean) && bar.Mean != 0)
            {
                return false;
            }

            foreach (var donor in bar.Donors)
            {
                if (double.IsFinite(donor.Value) && donor.Value != 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The dose column: a condition column named like a concentration whose values are all numbers, with at least three doses.</summary>
    private static int DoseColumn(IReadOnlyList<string> columns, List<SummaryRow> rows, ConditionOrder order)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (!DoseColumns.Any(name => columns[i].StartsWith(name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var doses = new HashSet<double>();
            var numeric = true;
            foreach (var row in rows)
            {
                numeric &= ConditionOrder.IsNumber(row.Conditions[i]);
                if (numeric)
                {
                    doses.Add(ConditionOrder.Number(row.Conditions[i]));
                }
            }

            if (numeric && doses.Count >= 3 && doses.Any(dose => dose > 0))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The test behind the p-values, named with its reference ("paired t-test against treatment untreated").</summary>
    private static string Test(ConditionOrder order, GatingTemplate? template)
        => template is null || template.Reference.Count == 0
            ? "two-sided paired t-test over donors against the reference condition"
            : "two-sided paired t-test over donors against " + string.Join(", ", template.Reference.Select(value => value.Column + " " + value.Value));

    private static List<string> OrderOfFirstAppearance(IReadOnlyList<SummaryRow> rows, List<string> names)
    {
        var seen = new List<string>();
        foreach (var row in rows)
        {
            if (names.Contains(row.Metric) && !seen.Contains(row.Metric))
            {
                seen.Add(row.Metric);
            }
        }

        return seen;
    }

    private static string ConditionLabel(IReadOnlyList<string> values) => MetricResult.Label(values);

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
