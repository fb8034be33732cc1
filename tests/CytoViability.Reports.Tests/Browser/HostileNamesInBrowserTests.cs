using CytoViability.Reports.Html;
using CytoViability.Reports.Tests.Html;
using CytoViability.Reports.Tests.Plots;

namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// A report whose sample is named like a script, opened in headless Chromium.
/// </summary>
public sealed class HostileNamesInBrowserTests
{
    [Fact]
    public async Task HostileNames_InChromium_ShowAsTextAndRunNothing()
    {
        HeadlessChromium.SkipUnlessInstalled();
        const string script = "<script>document.title='pwned'</script>";
        using var folder = RunFolder.Purity(script);
        ReportBuilder.Build(folder.Path, new ReportInputs([new PuritySample(90).Plots(script)], null));

        var dom = (await HeadlessChromium.Load(Path.Combine(folder.Path, "report.html"))).Dom;

        Assert.DoesNotContain("pwned</title>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(">&lt;script&gt;document.title='pwned'&lt;/script&gt;</a>", dom, StringComparison.Ordinal);
    }
}
