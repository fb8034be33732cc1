using System.Text.RegularExpressions;
using CytoViability.Reports.Tests.Plots;

namespace CytoViability.Reports.Tests.Html;

public sealed partial class ReportBuilderTests
{
    private const string Script = "<script>alert(1)</script>";

    [GeneratedRegex("<tr class=\"(fail|warn|pass)\">")]
    private static partial Regex QcRowClass();

    [GeneratedRegex("<img [^>]*src=\"([^\"]*)\"")]
    private static partial Regex ImageSource();

    [Fact]
    public void Build_HostileSampleAndFileNames_ShownAsTextNeverAsMarkup()
    {
        using var folder = RunFolder.Purity(Script);
        var plots = new PuritySample(90).Plots(Script);

        ReportBuilder.Build(folder.Path, new ReportInputs([plots], PuritySample.LoadTemplate()));
        var html = folder.Report;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>&lt;script&gt;alert(1)&lt;/script&gt; ", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;.fcs", html, StringComparison.Ordinal);
        Assert.Contains("CLL purity &lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HostileSampleName_PlotFilesStayInsideThePlotsFolder()
    {
        using var folder = RunFolder.Purity();
        var plots = new PuritySample(90).Plots("../../" + Script);

        ReportBuilder.Build(folder.Path, new ReportInputs([plots], null));

        var samples = Directory.GetDirectories(Path.Combine(folder.Path, "plots", "samples"));
        var only = Assert.Single(samples);
        Assert.Matches("^[A-Za-z0-9._-]+$", Path.GetFileName(only));
        Assert.Equal(6, Directory.GetFiles(only).Length);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.png", SearchOption.TopDirectoryOnly));
    }

    [Fact]
    public void Build_QcTable_FailRowsFirstThenWarnThenPass()
    {
        using var folder = RunFolder.Purity();

        ReportBuilder.Build(folder.Path);

        var classes = QcRowClass().Matches(folder.Report).Select(m => m.Groups[1].Value);
        Assert.Equal(["fail", "warn", "pass"], classes);
        Assert.Contains("<td class=\"status\">fail</td><td>CLL03</td><td>CLL03.fcs</td><td>purity</td><td class=\"num\">85.6</td><td class=\"num\">90</td>", folder.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EveryImage_InlinePngDataAndNoNetworkReference()
    {
        using var folder = RunFolder.Purity();

        var outcome = ReportBuilder.Build(folder.Path, new ReportInputs([new PuritySample(90).Plots("CLL01")], null));
        var html = folder.Report;

        var sources = ImageSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(outcome.Figures, sources.Count);
        Assert.Equal(4, sources.Count);
        Assert.All(sources, source => Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", source, StringComparison.Ordinal));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutInputs_RebuildsTheGalleryFromTheGatePlotFile()
    {
        using var folder = RunFolder.Purity();
        var first = ReportBuilder.Build(folder.Path, new ReportInputs([new PuritySample(90).Plots("CLL01"), new PuritySample(80, seed: 3).Plots("CLL03")], null));
        var before = folder.Report;
        File.Delete(Path.Combine(folder.Path, "report.html"));
        Directory.Delete(Path.Combine(folder.Path, "plots", "samples"), recursive: true);

        var rebuilt = ReportBuilder.Build(folder.Path);

        Assert.Equal(first.Figures, rebuilt.Figures);
        Assert.Equal(before, folder.Report);
        Assert.True(File.Exists(Path.Combine(folder.Path, "plots", "samples", "CLL03", "cd5_cd19.svg")));
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
