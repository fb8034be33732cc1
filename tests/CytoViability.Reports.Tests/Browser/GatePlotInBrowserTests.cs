using CytoViability.Reports.Html;
using CytoViability.Reports.Plots;
using CytoViability.Reports.Tests.Plots;
using SkiaSharp;

namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// A gate plot's SVG as a browser draws it: inline at the top left of a page under the sample pages' policy (img-src
/// data:, for its density grid), screenshot by headless Chromium and read back pixel by pixel at data values.
/// </summary>
public sealed class GatePlotInBrowserTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cv-gate-svg-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task LymphocyteGate_InChromium_BlackEdgesAtTheTemplatesCorners_DensityColouredRightWayUp()
    {
        HeadlessChromium.SkipUnlessInstalled();
        var plot = new PuritySample(purePercent: 90).Plots().Plots[0];
        var page = Path.Combine(_folder, "page.html");
        using (var writer = new StreamWriter(page))
        {
            HtmlReportWriter.Head(writer, "gate", "img-src data:");
            writer.Write("<div style=\"position:absolute;left:0;top:0\">" + GatePlotRenderer.Render("donor1", plot) + "</div>\n</body>\n</html>\n");
        }

        var screenshot = Path.Combine(_folder, "page.png");
        await HeadlessChromium.Load(page, screenshot);
        using var pixels = SKBitmap.Decode(screenshot);

        SKColor At(double x, double y) => pixels.GetPixel(
            (int)Math.Round(GateSvg.PixelX(plot.X, x)), (int)Math.Round(GateSvg.PixelY(y, plot.Y!.Minimum, plot.Y.Maximum)));
        bool AnyNear(double x, double y, Func<SKColor, bool> match)
        {
            var (px, py) = ((int)Math.Round(GateSvg.PixelX(plot.X, x)), (int)Math.Round(GateSvg.PixelY(y, plot.Y!.Minimum, plot.Y.Maximum)));
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    if (match(pixels.GetPixel(px + dx, py + dy)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // The gate's edges (FSC-A 30–150K, SSC-A up to 45K) in black, its inside away from the edges not.
        foreach (var (x, y) in new[] { (30_000.0, 20_000.0), (150_000.0, 20_000.0), (90_000.0, 45_000.0), (60_000.0, 45_000.0) })
        {
            Assert.True(AnyNear(x, y, Pixels.IsBlack), "no gate edge at (" + x + ", " + y + ")");
        }

        Assert.False(AnyNear(90_000, 60_000, Pixels.IsBlack));

        // Lymphocytes (FSC 50–120K, SSC 5–35K) and debris coloured; their mirror images and empty regions white.
        Assert.True(AnyNear(85_000, 20_000, Pixels.IsColoured));
        Assert.True(AnyNear(11_000, 5_000, Pixels.IsColoured));
        Assert.True(Pixels.IsWhite(At(85_000, 100_000)));
        Assert.True(Pixels.IsWhite(At(11_000, 115_000)));
    }
}
