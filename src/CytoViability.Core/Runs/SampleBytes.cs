using System.Buffers;
using System.Security.Cryptography;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// One input file read whole into a pooled buffer, with its sha256 computed over each slice as it arrives (while the
/// slice is still in cache), not in a second pass over the file. Disposing gives the buffer back to the pool as soon as
/// the events are decoded, so a thread holds a file's bytes only while decoding it and reuses the buffer for the next file.
/// </summary>
internal sealed class SampleBytes : IDisposable
{
    /// <summary>Bytes read and hashed at a time: small enough to stay in L2 between the read and the hash.</summary>
    private const int SliceBytes = 256 * 1024;

    private readonly ArrayPool<byte> _pool;
    private byte[]? _buffer;

    private SampleBytes(ArrayPool<byte> pool, byte[] buffer, int length, string? sha256)
    {
        _pool = pool;
        _buffer = buffer;
        Length = length;
        Sha256 = sha256;
    }

    public int Length { get; }

    /// <summary>Lower-case hex sha256 of the whole file; null when it was read without hashing.</summary>
    public string? Sha256 { get; }

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(SampleBytes))).AsMemory(0, Length);

    /// <summary>
    /// The file at <paramref name="path"/>, read only when what opened lies inside <paramref name="root"/> and holds at
    /// most <paramref name="maximumBytes"/> (as <see cref="ContainedFile.ReadAll"/>), into a buffer of <paramref name="pool"/>.
    /// </summary>
    public static SampleBytes Read(ArrayPool<byte> pool, string root, string path, long maximumBytes, bool hash)
    {
        using var stream = ContainedFile.OpenRead(root, path);
        if (stream.Length > maximumBytes)
        {
            throw new InputTooLargeException("the file is " + stream.Length + " bytes, over the limit of " + maximumBytes + " bytes (--max-file-size)");
        }

        var length = (int)stream.Length;
        var buffer = pool.Rent(length);
        try
        {
            using var sha = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            for (var offset = 0; offset < length;)
            {
                var slice = buffer.AsSpan(offset, Math.Min(SliceBytes, length - offset));
                stream.ReadExactly(slice);
                sha?.AppendData(slice);
                offset += slice.Length;
            }

            return new SampleBytes(pool, buffer, length, sha is null ? null : Convert.ToHexStringLower(sha.GetHashAndReset()));
        }
        catch
        {
            pool.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _pool.Return(buffer);
        }
    }
}
