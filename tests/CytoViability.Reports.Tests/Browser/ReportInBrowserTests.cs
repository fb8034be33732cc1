using System.Text.RegularExpressions;
using CytoViability.Reports.Tests.Html;
using CytoViability.Reports.Tests.Plots;

namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// The report of a real example experiment opened in headless Chromium. The page itself has no scripts, so the image
/// check runs in a test copy: the same page, its policy unchanged but for inline scripts being allowed, and a small
/// script appended that records load errors and, once the page has loaded, counts the images that decoded (complete with a natural width). So
/// the images are checked under the report's own img-src rule.
/// </summary>
public sealed partial class ReportInBrowserTests(ExampleReportFixture example) : IClassFixture<ExampleReportFixture>
{
    private const string Probe = """
        <script>
        window.addEventListener('load', function () {
          var errors = window.__errors || 0, images = document.images, decoded = 0;
          for (var i = 0; i < images.length; i++) { if (images[i].complete && images[i].naturalWidth > 0) decoded++; }
          var result = document.createElement('div');
          result.id = 'image-check';
          result.textContent = 'images=' + images.length + ' decoded=' + decoded + ' errors=' + errors + ' svgs=' + document.querySelectorAll('figure > svg').length;
          document.body.appendChild(result);
        });
        </script>
        """;

    private const string ErrorCounter = "<script>window.__errors = 0; window.addEventListener('error', function () { window.__errors++; }, true);</script>";


    [GeneratedRegex("id=\"image-check\">images=(\\d+) decoded=(\\d+) errors=(\\d+) svgs=(\\d+)<")]
    private static partial Regex ImageCheck();

    /// <summary>The test copy of <paramref name="report"/>: inline scripts allowed, error counter first in head, probe last in body.</summary>
    internal static string TestCopy(string report)
    {
        var html = File.ReadAllText(report).Replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", StringComparison.Ordinal);
        html = html.Replace("<head>", "<head>" + ErrorCounter, StringComparison.Ordinal).Replace("</body>", Probe + "</body>", StringComparison.Ordinal);
        var copy = Path.Combine(Path.GetDirectoryName(report)!, Path.GetFileNameWithoutExtension(report) + ".test-copy.html");
        File.WriteAllText(copy, html);
        return copy;
    }

    [Fact]
    public async Task ExampleReport_LoadsWithoutConsoleMessages_ScreenshotKept()
    {
        HeadlessChromium.SkipUnlessInstalled();

        var report = await example.ReportInChromium;

        Assert.Empty(report.Messages);
        var png = File.ReadAllBytes(ExampleReportFixture.Screenshot);
        Assert.True(png.Length > 10_000, "screenshot of " + png.Length + " bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Theory]
    [InlineData("report.html", 1, 0)]
    [InlineData(ExampleReportFixture.SamplePage, 0, 3)]
    public async Task ExampleReport_EveryImageDecodesWithoutLoadErrors(string page, int images, int gatePlots)
    {
        HeadlessChromium.SkipUnlessInstalled();
        var dom = await example.TestCopyInChromium(page);

        var check = ImageCheck().Match(dom);
        Assert.True(check.Success, "the probe did not run");

        // The main page holds the purity chart as an image; a sample's page its three gates (lymphocytes, singlets,
        // CD5 × CD19) as inline SVG, their density grids as data: images under the policy's img-src data:.
        Assert.Equal(images.ToString(System.Globalization.CultureInfo.InvariantCulture), check.Groups[1].Value);
        Assert.Equal(check.Groups[1].Value, check.Groups[2].Value);
        Assert.Equal(gatePlots.ToString(System.Globalization.CultureInfo.InvariantCulture), check.Groups[4].Value);
        Assert.Equal("0", check.Groups[3].Value);
    }

    [Fact]
    public async Task ExampleReport_VerdictAndAttentionListNameThePurityFailureOfTheExampleData()
    {
        HeadlessChromium.SkipUnlessInstalled();
        var dom = (await example.ReportInChromium).Dom;

        // truth.csv of example-fcs/purity: CLL03 has 85.6 % CD5+CD19+ cells, below the template's 90 %.
        Assert.Contains("<p id=\"verdict\" class=\"verdict attention\">Needs attention: 1 QC fail (purity).", dom, StringComparison.Ordinal);
        var fail = Regex.Match(dom, "<li class=\"fail\">.*?<b>purity</b>: 1 row in 1 sample — CLL03_CD5_CD19_001 \\(purity ([0-9.]+) % below 90 %\\)</li>");
        Assert.True(fail.Success);
        Assert.InRange(double.Parse(fail.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 80, 90);
        Assert.Equal(1, Regex.Count(dom, "<li class=\"fail\">"));
    }
}
