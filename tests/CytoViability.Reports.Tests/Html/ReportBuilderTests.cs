using System.Text.RegularExpressions;
using CytoViability.Reports.Tests.Plots;

namespace CytoViability.Reports.Tests.Html;

public sealed partial class ReportBuilderTests
{
    private const string Script = "<script>alert(1)</script>";

    [GeneratedRegex("<li class=\"(fail|warn)\">")]
    private static partial Regex AttentionClass();

    [GeneratedRegex("<img [^>]*src=\"([^\"]*)\"")]
    private static partial Regex ImageSource();

    [Fact]
    public void Build_HostileSampleAndFileNames_ShownAsTextNeverAsMarkup()
    {
        using var folder = RunFolder.Purity(Script);
        var plots = new PuritySample(90).Plots(Script);

        ReportBuilder.Build(folder.Path, new ReportInputs([plots], PuritySample.LoadTemplate()));
        var html = folder.Report;
        var samplePage = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "report"))));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; (purity 85.6 % below 90 %)", html, StringComparison.Ordinal);
        Assert.Contains("\">&lt;script&gt;alert(1)&lt;/script&gt;</a></td><td>&lt;script&gt;alert(1)&lt;/script&gt;.fcs</td>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;.fcs", html, StringComparison.Ordinal);
        Assert.Contains("CLL purity &lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", samplePage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; ", samplePage, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HostileSampleName_ItsPageStaysInsideTheReportFolder()
    {
        using var folder = RunFolder.Purity();
        var plots = new PuritySample(90).Plots("../../" + Script);

        ReportBuilder.Build(folder.Path, new ReportInputs([plots], null));

        var page = Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "report")));
        Assert.Matches("^[A-Za-z0-9._-]+\\.html$", Path.GetFileName(page));
        Assert.Equal(3, Regex.Matches(File.ReadAllText(page), "<figure><svg ").Count);
        Assert.DoesNotContain(Script, File.ReadAllText(page), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(folder.Path, "*.html", SearchOption.TopDirectoryOnly), file => Path.GetFileName(file) != "report.html");
        Assert.Empty(Directory.GetFiles(folder.Path, "*.png", SearchOption.TopDirectoryOnly));
    }

    [Fact]
    public void Build_NeedsAttention_FailsBeforeWarnings_PassesOnlyCountedWithALinkToQcCsv()
    {
        using var folder = RunFolder.Purity();

        ReportBuilder.Build(folder.Path);
        var html = folder.Report;

        Assert.Contains("<p id=\"verdict\" class=\"verdict attention\">Needs attention: 1 QC fail (purity), 1 QC warning.", html, StringComparison.Ordinal);
        Assert.Equal(["fail", "warn"], AttentionClass().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains("<b>purity</b>: 1 row in 1 sample — CLL03 (purity 85.6 % below 90 %)", html, StringComparison.Ordinal);
        Assert.Contains("<b>saturation_max</b>: 1 row in 1 sample — CLL02 (FSC-A: 6.5 % of events at the channel maximum)", html, StringComparison.Ordinal);
        Assert.Contains("1 QC check passed; every row is in <a href=\"qc.csv\">qc.csv</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("purity 97.3 % at or above 90 %", html, StringComparison.Ordinal);
        // The verdict and the attention list come before the first result section.
        Assert.True(html.IndexOf("id=\"attention\"", StringComparison.Ordinal) < html.IndexOf("<h2 id=\"result-purity\">", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ResultSection_TableOfConditionByDonorWithMeanSemNAndP()
    {
        using var folder = RunFolder.Purity();

        ReportBuilder.Build(folder.Path, new ReportInputs(null, PuritySample.LoadTemplate()));

        // summary.csv: 93.4333 ± 3.9496 over 3 donors; populations.csv: CLL01 973/1000, CLL02 974/1000.
        Assert.Contains("<h2 id=\"result-purity\">Purity: % cd5pos_cd19pos of singlets</h2>", folder.Report, StringComparison.Ordinal);
        Assert.Contains("<tr><td>CD5/CD19</td><td class=\"num\">97.3</td><td class=\"num\">97.4</td><td class=\"num\">93.4 ± 3.95</td><td class=\"num\">3</td><td class=\"num\"></td></tr>", folder.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Overview_EverySamplesKeyPercentByDonorAndCondition_WarningsOutlined()
    {
        using var folder = RunFolder.Purity();

        ReportBuilder.Build(folder.Path, new ReportInputs(null, PuritySample.LoadTemplate()));

        // populations.csv: CLL01 973/1000 and CLL02 974/1000 cd5pos_cd19pos of singlets; CLL02 has a warn row.
        Assert.Contains("<h2 id=\"overview\">All samples: % cd5pos_cd19pos of singlets</h2>", folder.Report, StringComparison.Ordinal);
        Assert.Matches("<tr><th>CLL01</th><td class=\"num\"><span title=\"CLL01\" style=\"[^\"]*border:2px solid transparent\">97.3</span></td></tr>", folder.Report);
        Assert.Matches("<tr><th>CLL02</th><td class=\"num\"><span title=\"CLL02\" style=\"[^\"]*border:2px solid #d90\">97.4</span></td></tr>", folder.Report);
    }

    [Fact]
    public void Build_ChartsInlineOnTheMainPage_GatePlotsInlineSvgOnTheSamplePage_NoNetworkReference()
    {
        using var folder = RunFolder.Purity();

        var outcome = ReportBuilder.Build(folder.Path, new ReportInputs([new PuritySample(90).Plots("CLL01")], null));
        var html = folder.Report;
        var samplePage = File.ReadAllText(Path.Combine(folder.Path, "report", "CLL01.html"));

        var charts = ImageSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", Assert.Single(charts), StringComparison.Ordinal);
        Assert.Empty(ImageSource().Matches(samplePage));
        var plots = Regex.Matches(samplePage, "<figure><svg ").Count;
        Assert.Equal(3, plots);
        Assert.Equal(outcome.Figures, charts.Count + plots);
        Assert.Contains("<figcaption>cd5_cd19 (of singlets, ", samplePage, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "plots", "samples")));
        Assert.Contains("<a href=\"report/CLL01.html\">CLL01</a>", html, StringComparison.Ordinal);
        foreach (var page in (string[])[html, samplePage])
        {
            Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_WithoutInputs_RebuildsTheGalleryFromTheGatePlotFile()
    {
        using var folder = RunFolder.Purity();
        var first = ReportBuilder.Build(folder.Path, new ReportInputs([new PuritySample(90).Plots("CLL01"), new PuritySample(80, seed: 3).Plots("CLL03")], null));
        var before = folder.Report;
        var samplePage = Path.Combine(folder.Path, "report", "CLL03.html");
        var pageBefore = File.ReadAllText(samplePage);
        File.Delete(Path.Combine(folder.Path, "report.html"));
        Directory.Delete(Path.Combine(folder.Path, "report"), recursive: true);

        var rebuilt = ReportBuilder.Build(folder.Path);

        Assert.Equal(first.Figures, rebuilt.Figures);
        Assert.Equal(before, folder.Report);
        Assert.Contains("CLL03 · cd5_cd19</text>", pageBefore, StringComparison.Ordinal);
        Assert.Equal(pageBefore, File.ReadAllText(samplePage));
        Assert.True(File.Exists(Path.Combine(folder.Path, "plots", "conditions", "purity.svg")));
    }

    [Fact]
    public void Build_MetricNameReadBackFromSummaryCsv_EncodedInItsSectionId()
    {
        using var folder = RunFolder.Purity().With("summary.csv",
            "metric,panel,n_donors,mean,sd,sem,p_value,n_paired\n"
            + "\"x\"\"><b>INJ</b>\",CD5/CD19,3,93.4,6.8,3.9,,0\n");

        ReportBuilder.Build(folder.Path);

        var html = folder.Report;
        Assert.DoesNotContain("<b>INJ</b>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"result-x&quot;&gt;&lt;b&gt;INJ&lt;/b&gt;\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TemplateNamedInRunJsonNotFound_ReportSaysWhatIsMissing()
    {
        using var folder = RunFolder.Purity();

        var outcome = ReportBuilder.Build(folder.Path);

        const string Expected = "template /nowhere/cd5-cd19-purity.yaml (named in run.json) is not found, so the report is drawn without it";
        Assert.Contains(outcome.Problems, p => p.StartsWith(Expected, StringComparison.Ordinal));
        Assert.Contains(Expected, folder.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DamagedGatePlotFile_ReportStillWrittenAndSaysWhy()
    {
        using var folder = RunFolder.Purity();
        Directory.CreateDirectory(Path.Combine(folder.Path, "plots"));
        File.WriteAllBytes(Path.Combine(folder.Path, "plots", "gate-plots.bin"), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);

        var outcome = ReportBuilder.Build(folder.Path);

        Assert.Contains(outcome.Problems, p => p.StartsWith("plots/gate-plots.bin could not be read", StringComparison.Ordinal));
        Assert.Contains("plots/gate-plots.bin could not be read", folder.Report, StringComparison.Ordinal);
    }
}
