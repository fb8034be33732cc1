using CytoViability.Reports.Results;

namespace CytoViability.Cli.Runs;

/// <summary>
/// The lines a run ends with: the verdict, every failed file with its reason, the QC fails named, warnings counted
/// by check, the main metric per condition, and where the outputs and the report are. Plain text (no control
/// codes), so it reads the same in a terminal, a pipeline log and run.log.
/// </summary>
internal static class ConsoleSummary
{
    /// <summary>More fails or conditions than this are counted, not listed: the rest is in qc.csv and summary.csv.</summary>
    private const int MaximumListed = 20;

    public static void Write(TextWriter output, RunDigest digest, string outputFolder, string? reportPath)
    {
        output.WriteLine();
        output.WriteLine(digest.Verdict);
        if (digest.FailedFiles.Count > 0)
        {
            output.WriteLine("Failed files (" + digest.FailedFiles.Count + "):");
            foreach (var file in digest.FailedFiles.Take(MaximumListed))
            {
                output.WriteLine("  " + file.File + ": " + file.Reason);
            }

            More(output, digest.FailedFiles.Count, "qc.csv");
        }

        if (digest.Fails.Count > 0)
        {
            output.WriteLine("QC fails (" + digest.Fails.Count + "):");
            foreach (var fail in digest.Fails.Take(MaximumListed))
            {
                output.WriteLine("  " + fail.Check + ": " + (fail.Sample.Length > 0 ? fail.Sample : fail.File) + " — " + fail.Message);
            }

            More(output, digest.Fails.Count, "qc.csv");
        }

        if (digest.Warnings.Count > 0)
        {
            output.WriteLine("QC warnings: " + string.Join(", ", digest.Warnings.Select(w => w.Check + " " + w.Rows + " (" + RunDigest.Plural(w.Samples, "sample") + ")")) + "; see qc.csv");
        }

        if (digest.MainMetric is { } metric)
        {
            output.WriteLine(metric.Title + " — mean ± s.e.m. over donors:");
            foreach (var row in metric.Rows.Take(MaximumListed))
            {
                var line = "  " + MetricResult.Label(row.Conditions) + ": " + ResultNumbers.Number(row.Mean) + (double.IsFinite(row.Sem) ? " ± " + ResultNumbers.Number(row.Sem) : string.Empty) + " (n = " + row.DonorCount;
                line += row.PValue is { } p && double.IsFinite(p) ? ", paired t-test p " + (p < 0.001 ? string.Empty : "= ") + ResultNumbers.PValue(p) + ")" : ")";
                output.WriteLine(line);
            }

            More(output, metric.Rows.Count, "summary.csv");
        }

        output.WriteLine("Outputs: " + outputFolder);
        if (reportPath is not null)
        {
            output.WriteLine("Report: " + reportPath);
        }
    }

    private static void More(TextWriter output, int count, string file)
    {
        if (count > MaximumListed)
        {
            output.WriteLine("  … and " + (count - MaximumListed) + " more in " + file);
        }
    }
}
