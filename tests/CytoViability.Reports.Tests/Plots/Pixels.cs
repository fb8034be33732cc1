using ScottPlot;
using SkiaSharp;

namespace CytoViability.Reports.Tests.Plots;

/// <summary>A rendered figure decoded back from its PNG bytes, addressed in plot coordinates.</summary>
internal sealed class Pixels : IDisposable
{
    private readonly SKBitmap _bitmap;
    private readonly Plot _plot;

    public Pixels(Plot plot, int width, int height)
    {
        _plot = plot;
        Png = plot.GetImageBytes(width, height, ImageFormat.Png);
        _bitmap = SKBitmap.Decode(Png);
    }

    public byte[] Png { get; }

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    public (int X, int Y) At(double x, double y)
    {
        var pixel = _plot.GetPixel(new Coordinates(x, y));
        return ((int)Math.Round(pixel.X), (int)Math.Round(pixel.Y));
    }

    public SKColor Color(int x, int y) => _bitmap.GetPixel(x, y);

    public SKColor Color(double x, double y)
    {
        var (px, py) = At(x, y);
        return Color(px, py);
    }

    /// <summary>Whether a pixel within <paramref name="radius"/> of the point matches.</summary>
    public bool AnyNear(double x, double y, int radius, Func<SKColor, bool> match)
    {
        var (px, py) = At(x, y);
        for (var dy = -radius; dy <= radius; dy++)
        {
            for (var dx = -radius; dx <= radius; dx++)
            {
                var cx = px + dx;
                var cy = py + dy;
                if (cx >= 0 && cy >= 0 && cx < Width && cy < Height && match(Color(cx, cy)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static bool IsBlack(SKColor c) => c.Red < 80 && c.Green < 80 && c.Blue < 80;

    public static bool IsWhite(SKColor c) => c.Red > 245 && c.Green > 245 && c.Blue > 245;

    /// <summary>A saturated colour: the density map, never the grey, black or white of the chrome.</summary>
    public static bool IsColoured(SKColor c) => Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 40;

    public void Dispose()
    {
        _bitmap.Dispose();
        _plot.Dispose();
    }
}
