using System.Globalization;
using CytoViability.Core.Csv;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Reports.Charts;
using CytoViability.Reports.Results;

namespace CytoViability.Reports.Html;

/// <summary>
/// Writes report.html, result first: the verdict, what needs attention (QC fails and warnings grouped by check and
/// sample), the passing checks as a count, then one section per assay metric (charts and a compact table), the
/// statistics table, the run, and the sample index whose pages hold the gate plots. One self-contained page (inline
/// CSS, charts as data: URIs, no scripts, no network) with a Content-Security-Policy that forbids scripts and remote
/// loads, so even a string that escaped encoding could not run. Every string from a file goes through
/// <see cref="HtmlText.Encode"/>.
/// </summary>
internal static class HtmlReportWriter
{
    /// <summary>Samples named per check in "needs attention"; the rest are counted (and listed in qc.csv).</summary>
    private const int SamplesNamed = 6;

    internal const string Style = """
        body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:16px 24px;color:#222;max-width:1500px}
        h1{font-size:20px;margin:0 0 6px}h2{font-size:17px;border-bottom:1px solid #ccc;padding-bottom:3px;margin:22px 0 8px}
        h3{font-size:15px;margin:14px 0 6px}
        table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:2px 7px;text-align:left;vertical-align:top}
        th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.fail td{background:#fbd5d5}tr.warn td{background:#fff1c2}
        .status{font-weight:bold;text-transform:uppercase}.fail .status,.badge.fail{color:#a00}.warn .status,.badge.warn{color:#8a6100}
        .badge{font-size:12px;border:1px solid currentColor;border-radius:3px;padding:0 4px;margin-left:6px}
        .verdict{font-size:17px;font-weight:bold;padding:6px 10px;border-left:6px solid #2a7a2a;background:#eef7ee;margin:4px 0 8px}
        .verdict.attention{border-color:#a00;background:#fdeeee}
        .attention-list{margin:4px 0;padding-left:20px;font-size:14px}.attention-list li{margin:2px 0}
        .result{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
        .figures{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0}figcaption{font-size:12px;color:#555;max-width:560px}
        img{border:1px solid #ddd}.problems li{color:#a00}.muted{color:#666;font-size:13px}
        """;

    public static void Write(TextWriter output, ReportPage page)
    {
        var title = "CytoViability report" + (page.Run?.TemplateName is { } name ? " — " + name : string.Empty);
        Head(output, title, "img-src data:");
        output.Write("<h1>" + HtmlText.Encode(title) + "</h1>\n");
        var digest = page.Digest;
        var attention = digest.FailedFiles.Count > 0 || digest.Fails.Count > 0 || digest.Warnings.Count > 0;
        output.Write("<p id=\"verdict\" class=\"verdict" + (attention || digest.Processed == 0 ? " attention" : string.Empty) + "\">" + HtmlText.Encode(digest.Verdict) + "</p>\n");
        NeedsAttention(output, page);
        Problems(output, page.Problems);
        foreach (var section in page.Results)
        {
            Result(output, section);
        }

        Overview(output, page.Overview, page.Gallery);
        Wide(output, page.Wide);
        Summary(output, page.Run);
        Gallery(output, page.Gallery);
        output.Write("</body>\n</html>\n");
    }

    /// <summary>The document head shared by the main page and the sample pages; <paramref name="images"/> is the CSP img-src.</summary>
    internal static void Head(TextWriter output, string title, string images)
    {
        output.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        output.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; " + images + "; style-src 'unsafe-inline'\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n");
        output.Write("<title>" + HtmlText.Encode(title) + "</title>\n<style>" + Style + "</style>\n</head>\n<body>\n");
    }

    /// <summary>Failed files, then QC fails and warnings grouped by check with their samples; passes as a count.</summary>
    private static void NeedsAttention(TextWriter output, ReportPage page)
    {
        var digest = page.Digest;
        output.Write("<ul id=\"attention\" class=\"attention-list\">\n");
        foreach (var file in digest.FailedFiles)
        {
            output.Write("<li><span class=\"badge fail\">failed file</span> " + HtmlText.Encode(file.File) + ": " + HtmlText.Encode(file.Reason) + "</li>\n");
        }

        foreach (var status in (QcStatus[])[QcStatus.Fail, QcStatus.Warn])
        {
            foreach (var group in Groups(page.Qc, status, digest))
            {
                var text = ResultTables.QcStatusText(status);
                output.Write("<li class=\"" + text + "\"><span class=\"badge " + text + "\">" + text + "</span> <b>" + HtmlText.Encode(group.Check) + "</b>: "
                    + RunDigest.Plural(group.Rows.Count, "row") + " in " + RunDigest.Plural(group.Samples.Count, "sample") + " — ");
                var named = new List<string>();
                foreach (var (sample, rows) in group.Samples.Take(SamplesNamed))
                {
                    // A message says it best for a sample or two; beyond that the names and values are the list.
                    named.Add(HtmlText.Encode(sample) + (rows.Count > 1 ? " (" + rows.Count + " rows)"
                        : group.Samples.Count <= 2 ? " (" + HtmlText.Encode(rows[0].Message) + ")"
                        : rows[0].Value is { } value ? " (" + Number(value) + ")" : string.Empty));
                }

                output.Write(string.Join("; ", named));
                if (group.Samples.Count > SamplesNamed)
                {
                    output.Write("; and " + (group.Samples.Count - SamplesNamed) + " more");
                }

                output.Write("</li>\n");
            }
        }

        output.Write("<li id=\"passes\">" + RunDigest.Plural(digest.Passes, "QC check") + " passed; every row is in <a href=\"qc.csv\">qc.csv</a>.</li>\n</ul>\n");
    }

    private sealed record CheckGroup(string Check, List<QcRow> Rows, List<(string Sample, List<QcRow> Rows)> Samples);

    /// <summary>The rows of one status grouped by check (in qc.csv order), then by sample; rows of failed files are listed with the files.</summary>
    private static List<CheckGroup> Groups(IReadOnlyList<QcRow> rows, QcStatus status, RunDigest digest)
    {
        var failedFiles = digest.FailedFiles.Select(file => file.File).ToHashSet(StringComparer.Ordinal);
        var groups = new List<CheckGroup>();
        foreach (var row in rows)
        {
            if (row.Status != status || (status == QcStatus.Fail && failedFiles.Contains(row.File)))
            {
                continue;
            }

            var group = groups.Find(g => g.Check == row.Check);
            if (group is null)
            {
                group = new CheckGroup(row.Check, [], []);
                groups.Add(group);
            }

            group.Rows.Add(row);
            var sample = row.Sample.Length > 0 ? row.Sample : row.File;
            var index = group.Samples.FindIndex(s => s.Sample == sample);
            if (index < 0)
            {
                group.Samples.Add((sample, [row]));
            }
            else
            {
                group.Samples[index].Rows.Add(row);
            }
        }

        return groups;
    }

    private static void Problems(TextWriter output, IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        output.Write("<ul class=\"problems\">\n");
        foreach (var problem in problems)
        {
            output.Write("<li>" + HtmlText.Encode(problem) + "</li>\n");
        }

        output.Write("</ul>\n");
    }

    /// <summary>One metric: its charts beside its table (condition × donor, mean ± s.e.m., n, p).</summary>
    private static void Result(TextWriter output, ResultSection section)
    {
        // The id carries a metric name read back from summary.csv, so it is encoded like every other string from a file.
        output.Write("<h2 id=\"" + HtmlText.Encode(section.Id) + "\">" + HtmlText.Encode(section.Title) + "</h2>\n<div class=\"result\">\n<div class=\"figures\">\n");
        foreach (var figure in section.Figures)
        {
            Figure(output, figure.Caption, figure.Image.Width, figure.Image.Height, Inline(figure), showCaption: false);
        }

        output.Write("</div>\n<table class=\"result-table\">\n<thead><tr><th>Condition</th>");
        foreach (var donor in section.Donors)
        {
            output.Write("<th>" + HtmlText.Encode(donor) + "</th>");
        }

        output.Write("<th>mean ± s.e.m.</th><th>n</th><th>p</th></tr></thead>\n<tbody>\n");
        foreach (var row in section.Rows)
        {
            output.Write("<tr><td>" + HtmlText.Encode(MetricResult.Label(row.Values.Count > 0 ? row.Values : [row.Condition])) + "</td>");
            foreach (var donor in section.Donors)
            {
                var value = row.Donors.FirstOrDefault(point => point.Donor == donor);
                output.Write("<td class=\"num\">" + (value is null ? string.Empty : ResultNumbers.Number(value.Value)) + "</td>");
            }

            output.Write("<td class=\"num\">" + ResultNumbers.Number(row.Mean) + (double.IsFinite(row.Sem) ? " ± " + ResultNumbers.Number(row.Sem) : string.Empty)
                + "</td><td class=\"num\">" + row.DonorCount + "</td><td class=\"num\">"
                + (row.PValue is { } p ? ResultNumbers.PValue(p) + " " + ResultNumbers.Stars(p) : string.Empty) + "</td></tr>\n");
        }

        output.Write("</tbody>\n</table>\n</div>\n<p class=\"muted\">Mean ± s.e.m. over donors (replicate wells averaged within each donor first); p: "
            + HtmlText.Encode(section.Test) + " (* p &lt; 0.05, ** p &lt; 0.01, *** p &lt; 0.001, ns not significant).</p>\n");
    }

    /// <summary>
    /// All samples at a glance: donors × conditions, each sample's key percentage shaded from the lowest (light) to the
    /// highest (dark) of the run, a QC fail outlined in red and a warning in amber, each linking to its page.
    /// </summary>
    private static void Overview(TextWriter output, SampleOverview? overview, IReadOnlyList<GallerySample> gallery)
    {
        if (overview is null || overview.Donors.Count == 0)
        {
            return;
        }

        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sample in gallery)
        {
            pages.TryAdd(sample.Sample, sample.Page);
        }

        output.Write("<h2 id=\"overview\">All samples: " + HtmlText.Encode(overview.Title) + "</h2>\n<p class=\"muted\">Darker: higher (" + ResultNumbers.Number(overview.Minimum) + " to "
            + ResultNumbers.Number(overview.Maximum) + "); red outline: QC fail, amber: warning. Replicate wells side by side.</p>\n<table id=\"overview-grid\">\n<thead><tr><th>Donor</th>");
        foreach (var condition in overview.Conditions)
        {
            output.Write("<th>" + HtmlText.Encode(MetricResult.Label(condition)) + "</th>");
        }

        output.Write("</tr></thead>\n<tbody>\n");
        var span = overview.Maximum > overview.Minimum ? overview.Maximum - overview.Minimum : 1;
        foreach (var donor in overview.Donors)
        {
            output.Write("<tr><th>" + HtmlText.Encode(donor) + "</th>");
            foreach (var condition in overview.Conditions)
            {
                output.Write("<td class=\"num\">");
                if (overview.Cells.TryGetValue((donor, SampleOverview.Key(condition)), out var cells))
                {
                    foreach (var cell in cells)
                    {
                        var shade = double.IsFinite(cell.Value) ? (cell.Value - overview.Minimum) / span : 0;
                        var lightness = (int)Math.Round(95 - (55 * shade));
                        var border = cell.Worst switch { QcStatus.Fail => "2px solid #c00", QcStatus.Warn => "2px solid #d90", _ => "2px solid transparent" };
                        var text = HtmlText.Encode(ResultNumbers.Number(cell.Value));
                        var link = pages.TryGetValue(cell.Sample, out var page) ? "<a style=\"color:inherit\" href=\"" + HtmlText.Encode(page) + "\">" + text + "</a>" : text;
                        output.Write("<span title=\"" + HtmlText.Encode(cell.Sample) + "\" style=\"display:inline-block;min-width:3em;margin:1px;padding:0 3px;background:hsl(210,60%," + lightness.ToString(CultureInfo.InvariantCulture)
                            + "%);color:" + (lightness < 60 ? "#fff" : "#000") + ";border:" + border + "\">" + link + "</span>");
                    }
                }

                output.Write("</td>");
            }

            output.Write("</tr>\n");
        }

        output.Write("</tbody>\n</table>\n");
    }

    /// <summary>The FlowJo-style statistics table: one row per sample, % of parent and MFIs as columns (populations_wide.csv).</summary>
    private static void Wide(TextWriter output, CsvTable? wide)
    {
        if (wide is null || wide.Rows.Count == 0)
        {
            return;
        }

        output.Write("<h2 id=\"statistics\">Statistics per sample</h2>\n<details><summary>" + RunDigest.Plural(wide.Rows.Count, "sample") + " × " + (wide.Header.Count - 2)
            + " columns (<a href=\"populations_wide.csv\">populations_wide.csv</a>)</summary>\n<table id=\"wide-table\">\n<thead><tr>");
        foreach (var column in wide.Header)
        {
            output.Write("<th>" + HtmlText.Encode(column) + "</th>");
        }

        output.Write("</tr></thead>\n<tbody>\n");
        foreach (var row in wide.Rows)
        {
            output.Write("<tr>");
            foreach (var cell in row)
            {
                output.Write(ConditionOrder.IsNumber(cell)
                    ? "<td class=\"num\">" + ResultNumbers.Number(ConditionOrder.Number(cell)) + "</td>"
                    : "<td>" + HtmlText.Encode(cell) + "</td>");
            }

            output.Write("</tr>\n");
        }

        output.Write("</tbody>\n</table>\n</details>\n");
    }

    private static void Summary(TextWriter output, RunSummary? run)
    {
        output.Write("<h2 id=\"run\">Run</h2>\n");
        if (run is null)
        {
            output.Write("<p class=\"muted\">No run.json in the output folder.</p>\n");
            return;
        }

        output.Write("<details><summary>Tool, template and files</summary>\n<table>\n");
        foreach (var (label, value) in run.Facts)
        {
            output.Write("<tr><th>" + HtmlText.Encode(label) + "</th><td>" + HtmlText.Encode(value) + "</td></tr>\n");
        }

        output.Write("</table>\n<p class=\"muted\">Run id, start time, timings and threads: <a href=\"run.json\">run.json</a>.</p>\n</details>\n");
        if (run.Inputs.Count == 0)
        {
            return;
        }

        output.Write("<details><summary>" + run.Inputs.Count + " input files</summary>\n<table>\n<tr><th>File</th><th>Status</th><th>Events</th><th>sha256 / reason</th></tr>\n");
        foreach (var input in run.Inputs)
        {
            output.Write("<tr><td>" + HtmlText.Encode(input.File) + "</td><td>" + HtmlText.Encode(input.Status) + "</td><td class=\"num\">" + HtmlText.Encode(input.Events)
                + "</td><td>" + HtmlText.Encode(input.Reason ?? input.Sha256) + "</td></tr>\n");
        }

        output.Write("</table>\n</details>\n");
    }

    /// <summary>The sample index: one line per sample, linking to its page of gate plots.</summary>
    private static void Gallery(TextWriter output, IReadOnlyList<GallerySample> gallery)
    {
        output.Write("<h2 id=\"samples\">Samples</h2>\n");
        if (gallery.Count == 0)
        {
            output.Write("<p class=\"muted\">No gate plots: they are drawn by <code>cytoviability run</code> (kept in plots/gate-plots.bin for rebuilding).</p>\n");
            return;
        }

        output.Write("<p class=\"muted\">Each sample's gate plots are on its own page (report/).</p>\n<table id=\"sample-index\">\n<thead><tr><th>Sample</th><th>File</th><th>Gate plots</th><th>QC</th></tr></thead>\n<tbody>\n");
        foreach (var sample in gallery)
        {
            var status = sample.WorstStatus is { } worst ? ResultTables.QcStatusText(worst) : string.Empty;
            output.Write("<tr" + (status is "fail" or "warn" ? " class=\"" + status + "\"" : string.Empty) + "><td><a href=\"" + HtmlText.Encode(sample.Page) + "\">" + HtmlText.Encode(sample.Sample)
                + "</a></td><td>" + HtmlText.Encode(sample.File) + "</td><td class=\"num\">" + sample.Plots + "</td><td>" + status + "</td></tr>\n");
        }

        output.Write("</tbody>\n</table>\n");
    }

    /// <summary>Fail rows first, then warn, then pass; within a status, the order of qc.csv.</summary>
    internal static List<QcRow> Ordered(IReadOnlyList<QcRow> rows)
    {
        var ordered = new List<QcRow>(rows.Count);
        foreach (var status in (QcStatus[])[QcStatus.Fail, QcStatus.Warn, QcStatus.Pass])
        {
            foreach (var row in rows)
            {
                if (row.Status == status)
                {
                    ordered.Add(row);
                }
            }
        }

        return ordered;
    }

    internal static string Inline(ReportFigure figure) => "data:image/png;base64," + Convert.ToBase64String(figure.Image.Png);

    /// <summary>A figure; <paramref name="showCaption"/> false for charts whose title already says what they show.</summary>
    internal static void Figure(TextWriter output, string caption, int width, int height, string source, bool showCaption = true)
    {
        output.Write("<figure><img width=\"" + width + "\" height=\"" + height + "\" alt=\"" + HtmlText.Encode(caption) + "\" src=\"");
        output.Write(source);
        output.Write(showCaption ? "\"><figcaption>" + HtmlText.Encode(caption) + "</figcaption></figure>\n" : "\"></figure>\n");
    }

    internal static string Number(double? value)
        => value is { } v && double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : string.Empty;
}
