using System.Globalization;
using CytoViability.Core.Output;

namespace CytoViability.Reports.Html;

/// <summary>
/// Writes report.html: one self-contained page (inline CSS, images as data: URIs, no scripts, no network), with a
/// Content-Security-Policy that forbids scripts and remote loads, so even a string that escaped encoding could not
/// run. Every string from a file goes through <see cref="HtmlText.Encode"/>.
/// </summary>
internal static class HtmlReportWriter
{
    private const string Style = """
        body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:24px;color:#222;max-width:1500px}
        h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
        h3{font-size:15px;margin:18px 0 6px}
        table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}
        th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.fail td{background:#fbd5d5}tr.warn td{background:#fff1c2}
        .status{font-weight:bold;text-transform:uppercase}.fail .status,.badge.fail{color:#a00}.warn .status,.badge.warn{color:#8a6100}
        .badge{font-size:12px;border:1px solid currentColor;border-radius:3px;padding:0 4px;margin-left:6px}
        .figures{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0}figcaption{font-size:12px;color:#555;max-width:560px}
        img{border:1px solid #ddd}.problems li{color:#a00}.muted{color:#666;font-size:13px}
        """;

    public static void Write(TextWriter output, ReportPage page)
    {
        var title = "CytoViability report" + (page.Run?.TemplateName is { } name ? " — " + name : string.Empty);
        output.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        output.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n");
        output.Write("<title>" + HtmlText.Encode(title) + "</title>\n<style>" + Style + "</style>\n</head>\n<body>\n");
        output.Write("<h1>" + HtmlText.Encode(title) + "</h1>\n");
        QcCounts(output, page.Qc);
        Problems(output, page.Problems);
        Summary(output, page.Run);
        QcTable(output, page.Qc);
        Figures(output, "Condition charts", "Bars: mean ± s.e.m. over donors (replicate wells averaged within each donor first); dots: one per donor.", page.MetricCharts, "conditions");
        Figures(output, "Killing by antibody", "Percent killing per condition, mean ± s.e.m.; dots: one per donor.", page.KillingCharts, "killing");
        Gallery(output, page.Gallery);
        output.Write("</body>\n</html>\n");
    }

    private static void QcCounts(TextWriter output, IReadOnlyList<QcRow> rows)
    {
        int fail = 0, warn = 0;
        foreach (var row in rows)
        {
            fail += row.Status == QcStatus.Fail ? 1 : 0;
            warn += row.Status == QcStatus.Warn ? 1 : 0;
        }

        output.Write("<p id=\"qc-counts\">QC: <span class=\"badge fail\">" + fail + " fail</span><span class=\"badge warn\">" + warn + " warn</span> "
            + (rows.Count - fail - warn) + " pass — <a href=\"#qc\">QC table</a></p>\n");
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

    private static void Summary(TextWriter output, RunSummary? run)
    {
        output.Write("<h2 id=\"run\">Run summary</h2>\n");
        if (run is null)
        {
            output.Write("<p class=\"muted\">No run.json in the output folder.</p>\n");
            return;
        }

        output.Write("<table>\n");
        foreach (var (label, value) in run.Facts)
        {
            output.Write("<tr><th>" + HtmlText.Encode(label) + "</th><td>" + HtmlText.Encode(value) + "</td></tr>\n");
        }

        output.Write("</table>\n");
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

    private static void QcTable(TextWriter output, IReadOnlyList<QcRow> rows)
    {
        output.Write("<h2 id=\"qc\">Quality control</h2>\n");
        if (rows.Count == 0)
        {
            output.Write("<p class=\"muted\">No QC rows.</p>\n");
            return;
        }

        Thresholds(output, rows);
        output.Write("<table id=\"qc-table\">\n<thead><tr><th>Status</th><th>Sample</th><th>File</th><th>Check</th><th>Value</th><th>Threshold</th><th>Message</th></tr></thead>\n<tbody>\n");
        foreach (var row in Ordered(rows))
        {
            var status = ResultTables.QcStatusText(row.Status);
            output.Write("<tr class=\"" + status + "\"><td class=\"status\">" + status + "</td><td>" + HtmlText.Encode(row.Sample) + "</td><td>" + HtmlText.Encode(row.File)
                + "</td><td>" + HtmlText.Encode(row.Check) + "</td><td class=\"num\">" + Number(row.Value) + "</td><td class=\"num\">" + Number(row.Threshold)
                + "</td><td>" + HtmlText.Encode(row.Message) + "</td></tr>\n");
        }

        output.Write("</tbody>\n</table>\n");
    }

    /// <summary>The thresholds the checks used in this run (the template's values or the defaults).</summary>
    private static void Thresholds(TextWriter output, IReadOnlyList<QcRow> rows)
    {
        var seen = new HashSet<(string, double)>();
        var parts = new List<string>();
        foreach (var row in rows)
        {
            if (row.Threshold is { } threshold && seen.Add((row.Check, threshold)))
            {
                parts.Add(HtmlText.Encode(row.Check) + " " + Number(threshold));
            }
        }

        if (parts.Count > 0)
        {
            output.Write("<p class=\"muted\">Thresholds in this run: " + string.Join("; ", parts) + ".</p>\n");
        }
    }

    private static void Figures(TextWriter output, string heading, string note, IReadOnlyList<ReportFigure> figures, string id)
    {
        if (figures.Count == 0)
        {
            return;
        }

        output.Write("<h2 id=\"" + id + "\">" + heading + "</h2>\n<p class=\"muted\">" + note + "</p>\n<div class=\"figures\">\n");
        foreach (var figure in figures)
        {
            Figure(output, figure);
        }

        output.Write("</div>\n");
    }

    private static void Gallery(TextWriter output, IReadOnlyList<GallerySample> gallery)
    {
        output.Write("<h2 id=\"samples\">Samples</h2>\n");
        if (gallery.Count == 0)
        {
            output.Write("<p class=\"muted\">No gate plots: they are drawn by <code>cytoviability run</code> (kept in plots/gate-plots.bin for rebuilding).</p>\n");
            return;
        }

        foreach (var sample in gallery)
        {
            output.Write("<h3>" + HtmlText.Encode(sample.Sample) + " <span class=\"muted\">" + HtmlText.Encode(sample.File) + "</span>");
            if (sample.WorstStatus is QcStatus.Fail or QcStatus.Warn)
            {
                var status = ResultTables.QcStatusText(sample.WorstStatus.Value);
                output.Write("<span class=\"badge " + status + "\">QC " + status + "</span>");
            }

            output.Write("</h3>\n<div class=\"figures\">\n");
            foreach (var figure in sample.Figures)
            {
                Figure(output, figure);
            }

            output.Write("</div>\n");
        }
    }

    private static void Figure(TextWriter output, ReportFigure figure)
    {
        output.Write("<figure><img width=\"" + figure.Image.Width + "\" height=\"" + figure.Image.Height + "\" alt=\"" + HtmlText.Encode(figure.Caption) + "\" src=\"data:image/png;base64,");
        output.Write(Convert.ToBase64String(figure.Image.Png));
        output.Write("\"><figcaption>" + HtmlText.Encode(figure.Caption) + "</figcaption></figure>\n");
    }

    private static string Number(double? value)
        => value is { } v && double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : string.Empty;
}
