using CytoViability.Core.Output;
using CytoViability.Core.Qc;

namespace CytoViability.Reports.Html;

/// <summary>
/// One sample's page under report/: its gate plots as inline SVG (their density grids as data: images, allowed by the
/// policy's img-src data:), then its QC rows. One file per sample keeps the main page small however many samples a
/// run has, and a 5,000-sample report at 5,000 files rather than 40,000. No scripts; every string from a file encoded.
/// </summary>
internal static class SamplePageWriter
{
    public static void Write(TextWriter output, string sample, string file, IReadOnlyList<QcRow> qc, IReadOnlyList<GateFigure> figures)
    {
        HtmlReportWriter.Head(output, sample + " — CytoViability", "img-src data:");
        output.Write("<p><a href=\"../" + ReportBuilder.ReportFileName + "#samples\">← report</a></p>\n<h1>" + HtmlText.Encode(sample) + " <span class=\"muted\">" + HtmlText.Encode(file) + "</span></h1>\n");
        output.Write("<div class=\"figures\">\n");
        foreach (var figure in figures)
        {
            output.Write("<figure>");
            output.Write(figure.Svg);
            output.Write("<figcaption>" + HtmlText.Encode(figure.Caption) + "</figcaption></figure>\n");
        }

        output.Write("</div>\n");
        if (qc.Count > 0)
        {
            output.Write("<table>\n<thead><tr><th>Status</th><th>Check</th><th>Value</th><th>Threshold</th><th>Message</th></tr></thead>\n<tbody>\n");
            foreach (var row in HtmlReportWriter.Ordered(qc))
            {
                var status = ResultTables.QcStatusText(row.Status);
                output.Write("<tr class=\"" + status + "\"><td class=\"status\">" + status + "</td><td>" + HtmlText.Encode(row.Check) + "</td><td class=\"num\">" + HtmlReportWriter.Number(row.Value)
                    + "</td><td class=\"num\">" + HtmlReportWriter.Number(row.Threshold) + "</td><td>" + HtmlText.Encode(row.Message) + "</td></tr>\n");
            }

            output.Write("</tbody>\n</table>\n");
        }

        output.Write("</body>\n</html>\n");
    }
}
