using System.Text.RegularExpressions;
using CytoViability.Reports.Tests.Html;
using CytoViability.Reports.Tests.Plots;

namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// The report of a real example experiment opened in headless Chromium. The page itself has no scripts, so the image
/// check runs in a test copy: the same page with its script-blocking policy removed and a small script appended that
/// records load errors and counts the images that decoded (complete with a natural width).
/// </summary>
public sealed partial class ReportInBrowserTests(ExampleReportFixture example) : IClassFixture<ExampleReportFixture>
{
    private const string Probe = """
        <script>
        var errors = window.__errors || 0, images = document.images, decoded = 0;
        for (var i = 0; i < images.length; i++) { if (images[i].complete && images[i].naturalWidth > 0) decoded++; }
        var result = document.createElement('div');
        result.id = 'image-check';
        result.textContent = 'images=' + images.length + ' decoded=' + decoded + ' errors=' + errors;
        document.body.appendChild(result);
        </script>
        """;

    private const string ErrorCounter = "<script>window.__errors = 0; window.addEventListener('error', function () { window.__errors++; }, true);</script>";

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\"[^>]*>")]
    private static partial Regex SecurityPolicy();

    [GeneratedRegex("id=\"image-check\">images=(\\d+) decoded=(\\d+) errors=(\\d+)<")]
    private static partial Regex ImageCheck();

    /// <summary>The test copy of <paramref name="report"/>: error counter first in head, probe last in body.</summary>
    private static string TestCopy(string report)
    {
        var html = SecurityPolicy().Replace(File.ReadAllText(report), string.Empty);
        html = html.Replace("<head>", "<head>" + ErrorCounter, StringComparison.Ordinal).Replace("</body>", Probe + "</body>", StringComparison.Ordinal);
        var copy = Path.Combine(Path.GetDirectoryName(report)!, "report.test-copy.html");
        File.WriteAllText(copy, html);
        return copy;
    }

    private static string Artifact(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    [SkippableFact]
    public void ExampleReport_LoadsWithoutConsoleMessages_ScreenshotKept()
    {
        HeadlessChromium.SkipUnlessInstalled();
        var screenshot = Artifact("report-purity-example.png");
        File.Delete(screenshot);

        var log = HeadlessChromium.Screenshot(example.Report, screenshot);

        Assert.DoesNotContain(":CONSOLE", log, StringComparison.Ordinal);
        var png = File.ReadAllBytes(screenshot);
        Assert.True(png.Length > 10_000, "screenshot of " + png.Length + " bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [SkippableFact]
    public void ExampleReport_EveryImageDecodesWithoutLoadErrors()
    {
        HeadlessChromium.SkipUnlessInstalled();
        var dom = HeadlessChromium.DumpDom(TestCopy(example.Report));

        var check = ImageCheck().Match(dom);
        Assert.True(check.Success, "the probe did not run");

        // Three samples × three gates (lymphocytes, singlets, CD5 × CD19) and the purity chart.
        Assert.Equal("10", check.Groups[1].Value);
        Assert.Equal("10", check.Groups[2].Value);
        Assert.Equal("0", check.Groups[3].Value);
    }

    [SkippableFact]
    public void ExampleReport_QcTableListsThePurityFailureOfTheExampleData()
    {
        HeadlessChromium.SkipUnlessInstalled();
        var dom = HeadlessChromium.DumpDom(example.Report);

        // truth.csv of example-fcs/purity: CLL03 has 85.6 % CD5+CD19+ cells, below the template's 90 %.
        var firstRow = Regex.Match(dom, "<tbody>\\s*<tr class=\"(\\w+)\"><td class=\"status\">\\w+</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td class=\"num\">([^<]*)</td>");
        Assert.True(firstRow.Success);
        Assert.Equal(("fail", "CLL03_CD5_CD19_001", "CLL03_CD5_CD19_001.fcs", "purity"), (firstRow.Groups[1].Value, firstRow.Groups[2].Value, firstRow.Groups[3].Value, firstRow.Groups[4].Value));
        Assert.InRange(double.Parse(firstRow.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture), 80, 90);
        Assert.Equal(1, Regex.Count(dom, "<tr class=\"fail\">"));
    }

    [SkippableFact]
    public void HostileNames_InChromium_ShowAsTextAndRunNothing()
    {
        HeadlessChromium.SkipUnlessInstalled();
        const string script = "<script>document.title='pwned'</script>";
        using var folder = RunFolder.Purity(script);
        ReportBuilder.Build(folder.Path, new ReportInputs([new PuritySample(90).Plots(script)], null));

        var dom = HeadlessChromium.DumpDom(Path.Combine(folder.Path, "report.html"));

        Assert.DoesNotContain("pwned</title>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<td>&lt;script&gt;document.title='pwned'&lt;/script&gt;</td>", dom, StringComparison.Ordinal);
    }
}
