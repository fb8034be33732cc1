using System.Globalization;
using System.Xml.Linq;
using CytoViability.Reports.Plots;
using SkiaSharp;

namespace CytoViability.Reports.Tests.Plots;

/// <summary>
/// A drawn gate plot read back: its SVG parsed as XML (so it must be well-formed), the black paths' vertices in
/// pixels, the density grid decoded from its embedded PNG by SkiaSharp, and data values placed on the plot's
/// pixels by the plain linear mapping of the data area (left to right, bottom to top).
/// </summary>
internal sealed class GateSvg : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public GateSvg(string svg)
    {
        Text = svg;
        Document = XDocument.Parse(svg);
        var image = Document.Descendants(Svg + "image").SingleOrDefault();
        if (image is not null)
        {
            var href = (string)image.Attribute("href")!;
            Assert.StartsWith("data:image/png;base64,", href, StringComparison.Ordinal);
            Raster = SKBitmap.Decode(Convert.FromBase64String(href["data:image/png;base64,".Length..]));
            RasterArea = (Number(image, "x"), Number(image, "y"), Number(image, "width"), Number(image, "height"));
        }
    }

    public string Text { get; }

    public XDocument Document { get; }

    /// <summary>The density grid, one pixel per bin, top row the highest y (null for a histogram).</summary>
    public SKBitmap? Raster { get; }

    public (double X, double Y, double Width, double Height) RasterArea { get; }

    /// <summary>Every path drawn in black (gate outlines), as its vertices in pixels.</summary>
    public List<List<(double X, double Y)>> GatePaths() => [.. Document.Descendants(Svg + "path")
        .Where(path => (string?)path.Parent?.Attribute("stroke") == "#000" && (string?)path.Parent?.Attribute("fill") == "none")
        .Select(path => Vertices((string)path.Attribute("d")!))];

    /// <summary>The filled grey histogram's vertices in pixels.</summary>
    public List<(double X, double Y)> HistogramPath() => Vertices((string)Document.Descendants(Svg + "path").Single(path => (string?)path.Attribute("fill") == "#787878").Attribute("d")!);

    /// <summary>Every line of text: a text element's, or each of its tspan lines.</summary>
    public IEnumerable<string> Texts() => Document.Descendants().Where(element => (element.Name == Svg + "text" || element.Name == Svg + "tspan") && !element.HasElements).Select(text => text.Value);

    public static double PixelX(PlotAxis axis, double value) => GatePlotRenderer.Left + ((value - axis.Minimum) / (axis.Maximum - axis.Minimum) * (GatePlotRenderer.Right - GatePlotRenderer.Left));

    public static double PixelY(double value, double minimum, double maximum) => GatePlotRenderer.Bottom - ((value - minimum) / (maximum - minimum) * (GatePlotRenderer.Bottom - GatePlotRenderer.Top));

    /// <summary>The raster's colour of the bin holding data point (x, y).</summary>
    public SKColor BinColor(GatePlot plot, double x, double y)
    {
        var raster = Raster ?? throw new InvalidOperationException("a histogram has no density raster");
        var column = (int)((x - plot.X.Minimum) / (plot.X.Maximum - plot.X.Minimum) * raster.Width);
        var row = (int)((y - plot.Y!.Minimum) / (plot.Y.Maximum - plot.Y.Minimum) * raster.Height);
        return raster.GetPixel(column, raster.Height - 1 - row);
    }

    /// <summary>Vertices of an SVG path of M, L, H, V and Z commands with absolute coordinates.</summary>
    private static List<(double X, double Y)> Vertices(string d)
    {
        var vertices = new List<(double X, double Y)>();
        var tokens = d.Replace("M", " M ", StringComparison.Ordinal).Replace("L", " L ", StringComparison.Ordinal).Replace("H", " H ", StringComparison.Ordinal)
            .Replace("V", " V ", StringComparison.Ordinal).Replace("Z", " Z ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double x = 0, y = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            switch (tokens[i])
            {
                case "M" or "L":
                    x = Parse(tokens[++i]);
                    y = Parse(tokens[++i]);
                    break;
                case "H":
                    x = Parse(tokens[++i]);
                    break;
                case "V":
                    y = Parse(tokens[++i]);
                    break;
                case "Z":
                    continue;
                default:
                    throw new FormatException("unexpected path token '" + tokens[i] + "' in " + d);
            }

            vertices.Add((x, y));
        }

        return vertices;
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static double Number(XElement element, string attribute) => Parse((string)element.Attribute(attribute)!);

    public void Dispose() => Raster?.Dispose();
}
