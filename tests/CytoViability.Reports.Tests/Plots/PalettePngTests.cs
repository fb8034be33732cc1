using CytoViability.Reports.Plots;
using SkiaSharp;

namespace CytoViability.Reports.Tests.Plots;

public sealed class PalettePngTests
{
    [Fact]
    public void Encode_DecodedBySkia_EveryPixelHasItsPaletteColour()
    {
        int[] palette = [0xFFFFFF, 0x102030, 0xFF0000, 0x00FF7F];
        var indices = new byte[5 * 3];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = (byte)((i * 7) % palette.Length);
        }

        using var bitmap = SKBitmap.Decode(PalettePng.Encode(indices, 5, 3, palette));

        Assert.Equal((5, 3), (bitmap.Width, bitmap.Height));
        for (var y = 0; y < 3; y++)
        {
            for (var x = 0; x < 5; x++)
            {
                var expected = palette[indices[(y * 5) + x]];
                Assert.Equal(new SKColor((byte)(expected >> 16), (byte)(expected >> 8), (byte)expected), bitmap.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void Encode_WrongNumberOfIndicesOrAnOversizedPalette_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PalettePng.Encode(new byte[10], 5, 3, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PalettePng.Encode(new byte[15], 5, 3, new int[257]));
    }
}
