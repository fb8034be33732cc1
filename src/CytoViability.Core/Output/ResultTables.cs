using CytoViability.Core.Csv;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Output;

/// <summary>
/// Writers for the tables of the output contract (DESIGN.md). Condition and metadata columns are dynamic: each
/// writer takes their names, and every row holds its values in that order. A metadata column may not reuse a
/// fixed column's name, since the file could then not be read back unambiguously.
/// </summary>
internal static class ResultTables
{
    public static readonly IReadOnlyList<string> PopulationColumns =
        ["sample", "file", "population", "parent", "count", "parent_count", "percent_parent", "percent_total"];

    public static readonly IReadOnlyList<string> MfiColumns =
        ["sample", "population", "channel", "marker", "mean", "median", "geometric_mean", "n_nonpositive", "display_mean", "cv", "robust_cv", "count"];

    public static readonly IReadOnlyList<string> SummaryLeadingColumns = ["metric"];

    public static readonly IReadOnlyList<string> SummaryTrailingColumns = ["n_donors", "mean", "sd", "sem", "p_value", "n_paired"];

    public static readonly IReadOnlyList<string> KillingLeadingColumns = ["donor"];

    public static readonly IReadOnlyList<string> KillingTrailingColumns =
        ["percent_dead", "control_percent_dead", "percent_killing", "method", "is_control", "wells", "target_count", "percent_dead_se", "low_target_count"];

    public static readonly IReadOnlyList<string> MfiFoldLeadingColumns = ["donor"];

    public static readonly IReadOnlyList<string> MfiFoldTrailingColumns = ["geometric_mean", "reference_geometric_mean", "log2_fold"];

    public static readonly IReadOnlyList<string> GateColumns = ["sample", "file", "gate", "dimension", "value", "method", "scope", "status"];

    public static readonly IReadOnlyList<string> QcColumns = ["sample", "file", "check", "value", "threshold", "status", "message"];

    /// <summary>
    /// The fixed columns of the tables that carry a run's metadata or condition columns beside them: a sheet or rule
    /// column with one of these names could not be told apart when the table is read back, so the plan refuses it.
    /// </summary>
    public static readonly IReadOnlySet<string> FixedColumns = new HashSet<string>(
        [.. PopulationColumns, .. MfiColumns, .. SummaryLeadingColumns, .. SummaryTrailingColumns, .. KillingTrailingColumns, .. MfiFoldTrailingColumns, .. QcColumns],
        StringComparer.Ordinal);

    public static void WritePopulations(TextWriter output, IReadOnlyList<string> metadataColumns, IEnumerable<PopulationRow> rows)
    {
        using var csv = Header(output, PopulationColumns, metadataColumns, []);
        foreach (var row in rows)
        {
            csv.Text(row.Sample);
            csv.Text(row.File);
            csv.Text(row.Population);
            csv.Text(row.Parent);
            csv.Integer(row.Count);
            csv.Integer(row.ParentCount);
            csv.Number(row.PercentParent);
            csv.Number(row.PercentTotal);
            Values(csv, row.Metadata, metadataColumns, row.Sample);
            csv.EndRow();
        }
    }

    /// <summary>
    /// populations_wide.csv, the table FlowJo's Table Editor makes: one row per sample (in populations.csv order),
    /// its metadata, then "POPULATION % of PARENT" for every population and "POPULATION geometric mean CHANNEL" for
    /// every MFI the template requested, columns in the order the long tables first list them. A sample without a
    /// population or MFI has an empty cell.
    /// </summary>
    public static void WritePopulationsWide(TextWriter output, IReadOnlyList<string> metadataColumns, IReadOnlyList<PopulationRow> populations, IReadOnlyList<MfiRow> mfi)
    {
        var percentColumns = new List<string>();
        var percentIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = new List<PopulationRow>();
        var percents = new Dictionary<(string Sample, int Column), double>();
        foreach (var row in populations)
        {
            if (samples.Count == 0 || samples[^1].Sample != row.Sample || samples[^1].File != row.File)
            {
                samples.Add(row);
            }

            if (!percentIndex.TryGetValue(row.Population, out var column))
            {
                column = percentColumns.Count;
                percentIndex[row.Population] = column;
                percentColumns.Add(row.Population + " % of " + (row.Parent.Length > 0 ? row.Parent : "total"));
            }

            percents[(row.Sample, column)] = row.PercentParent;
        }

        var mfiColumns = new List<string>();
        var mfiIndex = new Dictionary<(string Population, string Channel), int>();
        var means = new Dictionary<(string Sample, int Column), double>();
        foreach (var row in mfi)
        {
            if (!mfiIndex.TryGetValue((row.Population, row.Channel), out var column))
            {
                column = mfiColumns.Count;
                mfiIndex[(row.Population, row.Channel)] = column;
                mfiColumns.Add(row.Population + " geometric mean " + row.Channel);
            }

            means[(row.Sample, column)] = row.GeometricMean;
        }

        using var csv = Header(output, ["sample", "file"], metadataColumns, [.. percentColumns, .. mfiColumns]);
        foreach (var sample in samples)
        {
            csv.Text(sample.Sample);
            csv.Text(sample.File);
            Values(csv, sample.Metadata, metadataColumns, sample.Sample);
            for (var i = 0; i < percentColumns.Count; i++)
            {
                csv.Number(percents.TryGetValue((sample.Sample, i), out var percent) ? percent : double.NaN);
            }

            for (var i = 0; i < mfiColumns.Count; i++)
            {
                csv.Number(means.TryGetValue((sample.Sample, i), out var mean) ? mean : double.NaN);
            }

            csv.EndRow();
        }
    }

    public static void WriteMfi(TextWriter output, IEnumerable<MfiRow> rows)
    {
        using var csv = Header(output, MfiColumns, [], []);
        foreach (var row in rows)
        {
            csv.Text(row.Sample);
            csv.Text(row.Population);
            csv.Text(row.Channel);
            csv.Text(row.Marker);
            csv.Number(row.Mean);
            csv.Number(row.Median);
            csv.Number(row.GeometricMean);
            csv.Integer(row.NonPositiveCount);
            csv.Number(row.DisplayMean);
            csv.Number(row.Cv);
            csv.Number(row.RobustCv);
            csv.Integer(row.Count);
            csv.EndRow();
        }
    }

    public static void WriteSummary(TextWriter output, IReadOnlyList<string> conditionColumns, IEnumerable<SummaryRow> rows)
    {
        using var csv = Header(output, SummaryLeadingColumns, conditionColumns, SummaryTrailingColumns);
        foreach (var row in rows)
        {
            csv.Text(row.Metric);
            Values(csv, row.Conditions, conditionColumns, row.Metric);
            csv.Integer(row.DonorCount);
            csv.Number(row.Mean);
            csv.Number(row.Sd);
            csv.Number(row.Sem);
            csv.Number(row.PValue);
            csv.Integer(row.PairedDonorCount);
            csv.EndRow();
        }
    }

    public static void WriteKilling(TextWriter output, IReadOnlyList<string> conditionColumns, IEnumerable<KillingRow> rows)
    {
        using var csv = Header(output, KillingLeadingColumns, conditionColumns, KillingTrailingColumns);
        foreach (var row in rows)
        {
            csv.Text(row.Donor);
            Values(csv, row.Conditions, conditionColumns, row.Donor);
            csv.Number(row.PercentDead);
            csv.Number(row.ControlPercentDead);
            csv.Number(row.PercentKilling);
            csv.Text(row.Method);
            csv.Boolean(row.IsControl);
            csv.Integer(row.WellCount);
            csv.Integer(row.TargetCount);
            csv.Number(row.PercentDeadSe);
            csv.Boolean(row.LowTargetCount);
            csv.EndRow();
        }
    }

    public static void WriteMfiFold(TextWriter output, IReadOnlyList<string> conditionColumns, IEnumerable<MfiFoldRow> rows)
    {
        using var csv = Header(output, MfiFoldLeadingColumns, conditionColumns, MfiFoldTrailingColumns);
        foreach (var row in rows)
        {
            csv.Text(row.Donor);
            Values(csv, row.Conditions, conditionColumns, row.Donor);
            csv.Number(row.GeometricMean);
            csv.Number(row.ReferenceGeometricMean);
            csv.Number(row.Log2Fold);
            csv.EndRow();
        }
    }

    public static void WriteQc(TextWriter output, IEnumerable<QcRow> rows)
    {
        using var csv = Header(output, QcColumns, [], []);
        foreach (var row in rows)
        {
            csv.Text(row.Sample);
            csv.Text(row.File);
            csv.Text(row.Check);
            csv.Number(row.Value);
            csv.Number(row.Threshold);
            csv.Text(QcStatusText(row.Status));
            csv.Text(row.Message);
            csv.EndRow();
        }
    }

    public static void WriteGates(TextWriter output, IEnumerable<GateRow> rows)
    {
        using var csv = Header(output, GateColumns, [], []);
        foreach (var row in rows)
        {
            csv.Text(row.Sample);
            csv.Text(row.File);
            csv.Text(row.Gate);
            csv.Text(row.Dimension);
            csv.Number(row.Value);
            csv.Text(row.Method);
            csv.Text(row.Scope);
            csv.Text(row.Status);
            csv.EndRow();
        }
    }

    public static string QcStatusText(QcStatus status) => status switch
    {
        QcStatus.Pass => "pass",
        QcStatus.Warn => "warn",
        QcStatus.Fail => "fail",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown QC status"),
    };

    private static CsvRowWriter Header(TextWriter output, IReadOnlyList<string> leading, IReadOnlyList<string> dynamic, IReadOnlyList<string> trailing)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(dynamic);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var header = new List<string>(leading.Count + dynamic.Count + trailing.Count);
        foreach (var list in (IReadOnlyList<string>[])[leading, dynamic, trailing])
        {
            foreach (var name in list)
            {
                if (!names.Add(name))
                {
                    throw new ArgumentException("column '" + name + "' appears twice in the table header", nameof(dynamic));
                }

                header.Add(name);
            }
        }

        var csv = new CsvRowWriter(output);
        csv.Row(header);
        return csv;
    }

    private static void Values(CsvRowWriter csv, IReadOnlyList<string> values, IReadOnlyList<string> columns, string rowName)
    {
        if (values.Count != columns.Count)
        {
            throw new ArgumentException(
                "row '" + rowName + "' has " + values.Count + " condition/metadata values for " + columns.Count + " columns",
                nameof(values));
        }

        foreach (var value in values)
        {
            csv.Text(value);
        }
    }
}
