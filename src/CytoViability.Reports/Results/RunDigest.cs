using CytoViability.Core.Csv;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;
using CytoViability.Reports.Html;

namespace CytoViability.Reports.Results;

/// <summary>
/// The result of a run in a few lines, read from its output folder: which files failed and why, the QC fails named,
/// warnings and passes counted by check, and every metric of summary.csv per condition in design order. The console
/// summary and the top of report.html both tell it.
/// </summary>
internal sealed record RunDigest(
    int Files,
    int Processed,
    IReadOnlyList<FailedFile> FailedFiles,
    IReadOnlyList<QcFinding> Fails,
    IReadOnlyList<CheckCount> Warnings,
    int Passes,
    IReadOnlyList<MetricResult> Metrics)
{
    /// <summary>The metric a lab reads first: killing, MFI, purity or viability, whichever the run measured (in that order: an MFI experiment reports viability too).</summary>
    public MetricResult? MainMetric
    {
        get
        {
            foreach (var name in (string[])["percent_killing", "mfi", "log2_fold", "purity", "viability"])
            {
                foreach (var metric in Metrics)
                {
                    if (metric.Metric == name)
                    {
                        return metric;
                    }
                }
            }

            return Metrics.Count > 0 ? Metrics[0] : null;
        }
    }

    public int WarningRows => Warnings.Sum(warning => warning.Rows);

    /// <summary>One line: what was processed, and whether anything needs attention.</summary>
    public string Verdict
    {
        get
        {
            if (Processed == 0)
            {
                return "Nothing could be processed: " + Plural(Files, "file") + " failed.";
            }

            var attention = new List<string>();
            if (FailedFiles.Count > 0)
            {
                attention.Add(Plural(FailedFiles.Count, "file") + " failed");
            }

            if (Fails.Count > 0)
            {
                attention.Add(Plural(Fails.Count, "QC fail") + " (" + string.Join(", ", Fails.Select(fail => fail.Check).Distinct()) + ")");
            }

            if (Warnings.Count > 0)
            {
                attention.Add(Plural(WarningRows, "QC warning"));
            }

            var processed = Processed + " of " + Plural(Files, "file") + " processed";
            return attention.Count == 0
                ? processed + "; every QC check passed (" + Passes + ")."
                : "Needs attention: " + string.Join(", ", attention) + ". " + processed + ", " + Passes + " QC checks passed.";
        }
    }

    public static RunDigest Read(string outputFolder, GatingTemplate? template)
    {
        var tables = ReportTables.Read(outputFolder);
        var run = ReportBuilder.ReadRun(outputFolder, []);
        return Build(tables, run, template, ConditionOrder.ReadSheet(run));
    }

    internal static RunDigest Build(ReportTables tables, RunSummary? run, GatingTemplate? template, CsvTable? sheet)
    {
        var qc = tables.Qc?.Rows ?? [];
        var failedFiles = new List<FailedFile>();
        var failedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in run?.Inputs ?? [])
        {
            if (input.Status != "processed" && failedNames.Add(input.File))
            {
                failedFiles.Add(new FailedFile(input.File, input.Reason ?? FirstFailMessage(qc, input.File) ?? input.Status));
            }
        }

        var fails = new List<QcFinding>();
        var warnings = new List<CheckCount>();
        var warnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var warnSamples = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var passes = 0;
        foreach (var row in qc)
        {
            switch (row.Status)
            {
                case QcStatus.Fail when run is null && row.Check is QcChecks.UnreadableFile or QcChecks.MissingMetadata or QcChecks.Containment:
                    // Without run.json the file-level fail rows are the list of failed files.
                    if (failedNames.Add(row.File))
                    {
                        failedFiles.Add(new FailedFile(row.File, row.Message));
                    }

                    break;
                case QcStatus.Fail when !failedNames.Contains(row.File):
                    fails.Add(new QcFinding(row.Check, row.Sample, row.File, row.Message));
                    break;
                case QcStatus.Warn:
                    if (!warnIndex.TryGetValue(row.Check, out var index))
                    {
                        index = warnings.Count;
                        warnIndex[row.Check] = index;
                        warnings.Add(new CheckCount(row.Check, 0, 0));
                        warnSamples[row.Check] = new HashSet<string>(StringComparer.Ordinal);
                    }

                    warnSamples[row.Check].Add(row.Sample.Length > 0 ? row.Sample : row.File);
                    warnings[index] = new CheckCount(row.Check, warnings[index].Rows + 1, warnSamples[row.Check].Count);
                    break;
                case QcStatus.Pass:
                    passes++;
                    break;
            }
        }

        var files = run?.Inputs.Count ?? 0;
        var processed = run is null ? CountProcessed(tables) : run.Inputs.Count(input => input.Status == "processed");
        if (run is null)
        {
            files = processed + failedFiles.Count;
        }

        return new RunDigest(files, processed, failedFiles, fails, warnings, passes, ReadMetrics(tables, template, sheet, run?.ConditionOrder));
    }

    private static List<MetricResult> ReadMetrics(ReportTables tables, GatingTemplate? template, CsvTable? sheet, IReadOnlyDictionary<string, IReadOnlyList<string>>? stated)
    {
        var results = new List<MetricResult>();
        if (tables.Summary is not { } summary)
        {
            return results;
        }

        var order = new ConditionOrder(summary.DynamicColumns, sheet, template, summary.Rows.Select(row => row.Conditions), stated);
        var byMetric = new Dictionary<string, List<SummaryRow>>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var row in summary.Rows)
        {
            if (!byMetric.TryGetValue(row.Metric, out var rows))
            {
                rows = [];
                byMetric[row.Metric] = rows;
                names.Add(row.Metric);
            }

            rows.Add(row);
        }

        foreach (var name in names)
        {
            var rows = byMetric[name];
            if (name == "percent_killing")
            {
                // The control's own killing is zero by definition.
                rows.RemoveAll(row => row.Conditions.Where((value, i) => order.IsControl(i, value)).Any());
            }

            rows.Sort((a, b) => order.Compare(a.Conditions, b.Conditions));
            results.Add(new MetricResult(name, MetricText.Title(name, template), MetricText.Unit(name), summary.DynamicColumns, rows));
        }

        return results;
    }

    private static int CountProcessed(ReportTables tables)
        => tables.Populations is { } populations ? populations.Rows.Select(row => row.File).Distinct(StringComparer.Ordinal).Count() : 0;

    private static string? FirstFailMessage(IReadOnlyList<QcRow> qc, string file)
    {
        foreach (var row in qc)
        {
            if (row.File == file && row.Status == QcStatus.Fail)
            {
                return row.Message;
            }
        }

        return null;
    }

    public static string Plural(int count, string noun) => count + " " + noun + (count == 1 ? string.Empty : "s");
}

/// <summary>An input that gave no results, with the reason (qc.csv's fail message or run.json's).</summary>
internal sealed record FailedFile(string File, string Reason);

/// <summary>A QC fail row of a processed sample.</summary>
internal sealed record QcFinding(string Check, string Sample, string File, string Message);

/// <summary>How many qc.csv rows of one check had a status, and in how many samples.</summary>
internal sealed record CheckCount(string Check, int Rows, int Samples);

/// <summary>One metric of summary.csv: what it measures, its unit, and its rows in design order.</summary>
internal sealed record MetricResult(string Metric, string Title, string Unit, IReadOnlyList<string> ConditionColumns, IReadOnlyList<SummaryRow> Rows)
{
    /// <summary>A condition as the lab says it: its non-empty values joined with " · ".</summary>
    public static string Label(IReadOnlyList<string> values)
    {
        var parts = values.Where(value => value.Length > 0).ToList();
        return parts.Count == 0 ? "all" : string.Join(" · ", parts);
    }
}
