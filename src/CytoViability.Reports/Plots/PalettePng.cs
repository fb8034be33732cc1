using System.Buffers.Binary;
using System.IO.Compression;

namespace CytoViability.Reports.Plots;

/// <summary>
/// A PNG of palette indices (colour type 3, 8 bits per pixel, no filtering), written directly: a gate plot's
/// 128 × 128 density grid is 16 KB of indices, which this encodes in a fraction of the time a drawing library takes
/// to render and encode a whole figure. Same indices, same bytes.
/// </summary>
internal static class PalettePng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>
    /// Encodes <paramref name="indices"/> (row-major, top row first) with <paramref name="palette"/> (packed
    /// 0xRRGGBB, at most 256 colours).
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> indices, int width, int height, ReadOnlySpan<int> palette)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNotEqual(indices.Length, width * height);
        if (palette.Length is 0 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(palette), palette.Length, "a PNG palette holds 1 to 256 colours");
        }

        using var png = new MemoryStream((width * height / 4) + 1024);
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;  // bits per index
        header[9] = 3;  // palette colour
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering (every row uses filter 0)
        header[12] = 0; // not interlaced
        Chunk(png, "IHDR"u8, header);

        var colours = new byte[palette.Length * 3];
        for (var i = 0; i < palette.Length; i++)
        {
            colours[3 * i] = (byte)(palette[i] >> 16);
            colours[(3 * i) + 1] = (byte)(palette[i] >> 8);
            colours[(3 * i) + 2] = (byte)palette[i];
        }

        Chunk(png, "PLTE"u8, colours);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            Span<byte> none = [0];
            for (var row = 0; row < height; row++)
            {
                zlib.Write(none);
                zlib.Write(indices.Slice(row * width, width));
            }
        }

        Chunk(png, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, ~Crc(Crc(0xFFFFFFFFu, type), data));
        png.Write(word);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>The CRC-32 of PNG chunks (polynomial 0xEDB88320, reflected).</summary>
    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
