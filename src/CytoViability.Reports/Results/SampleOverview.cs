using CytoViability.Core.Experiments;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;

namespace CytoViability.Reports.Results;

/// <summary>
/// Every sample at a glance: the assay's key percentage per sample (dead targets for killing, else purity, else
/// viability) in a grid of donors × conditions (design order), replicate wells side by side, with each sample's worst
/// QC status, so a well that stands out or failed is seen before any chart.
/// </summary>
internal sealed record SampleOverview(string Title, IReadOnlyList<string> Donors, IReadOnlyList<IReadOnlyList<string>> Conditions, IReadOnlyDictionary<(string Donor, string Condition), List<OverviewCell>> Cells, double Minimum, double Maximum)
{
    public static string Key(IReadOnlyList<string> condition) => string.Join('\u001f', condition);

    public static SampleOverview? Build(ReportTables tables, GatingTemplate? template, ConditionOrder order, IReadOnlyDictionary<string, QcStatus?> worst)
    {
        if (tables.Populations is not { } populations || KeyPercent(template) is not { } key)
        {
            return null;
        }

        var donorColumn = populations.DynamicColumns.ToList().IndexOf(SampleSheet.DonorColumn);
        var conditionColumns = order.Columns.Select(column => populations.DynamicColumns.ToList().IndexOf(column)).ToArray();
        if (donorColumn < 0 || conditionColumns.Any(index => index < 0))
        {
            return null;
        }

        var counts = new Dictionary<string, (long Population, long Of, PopulationRow Row)>(StringComparer.Ordinal);
        var samples = new List<string>();
        foreach (var row in populations.Rows)
        {
            if (row.Population != key.Population && row.Population != key.Of)
            {
                continue;
            }

            if (!counts.TryGetValue(row.Sample, out var entry))
            {
                samples.Add(row.Sample);
            }

            entry.Row = row;
            entry.Population = row.Population == key.Population ? row.Count : entry.Population;
            entry.Of = row.Population == key.Of ? row.Count : entry.Of;
            counts[row.Sample] = entry;
        }

        var donors = new List<string>();
        var conditions = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cells = new Dictionary<(string, string), List<OverviewCell>>();
        double minimum = double.PositiveInfinity, maximum = double.NegativeInfinity;
        foreach (var sample in samples)
        {
            var (count, of, row) = counts[sample];
            var value = of > 0 ? 100.0 * count / of : double.NaN;
            var donor = row.Metadata[donorColumn];
            IReadOnlyList<string> condition = [.. conditionColumns.Select(index => row.Metadata[index])];
            if (!donors.Contains(donor))
            {
                donors.Add(donor);
            }

            if (seen.Add(Key(condition)))
            {
                conditions.Add(condition);
            }

            if (!cells.TryGetValue((donor, Key(condition)), out var list))
            {
                list = [];
                cells[(donor, Key(condition))] = list;
            }

            list.Add(new OverviewCell(sample, value, worst.TryGetValue(sample, out var status) ? status : null));
            if (double.IsFinite(value))
            {
                minimum = Math.Min(minimum, value);
                maximum = Math.Max(maximum, value);
            }
        }

        conditions.Sort(order);
        return new SampleOverview(key.Title, donors, conditions, cells, minimum, maximum);
    }

    private static (string Population, string Of, string Title)? KeyPercent(GatingTemplate? template) => template?.Assays switch
    {
        { Killing: { } killing } => (killing.Dead, killing.Of, "% " + killing.Dead + " of " + killing.Of),
        { Purity: { } purity } => (purity.Population, purity.Of, "% " + purity.Population + " of " + purity.Of),
        { Viability: { } viability } => (viability.Population, viability.Of, "% " + viability.Population + " of " + viability.Of),
        _ => null,
    };
}

/// <summary>One sample in the overview: its key percentage and its worst QC status.</summary>
internal sealed record OverviewCell(string Sample, double Value, QcStatus? Worst);
