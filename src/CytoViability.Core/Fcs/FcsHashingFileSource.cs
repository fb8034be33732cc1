using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace CytoViability.Core.Fcs;

/// <summary>
/// An open file read with positioned reads (DATA streamed in slices, never held whole) whose sha256 is computed
/// over the bytes as they are read: the reader moves forward through HEADER, TEXT and DATA, so each byte is hashed
/// once, in file order, from the slice just read. A read that skips ahead hashes the gap first; a read of bytes
/// already hashed (a repeated TEXT look-up) is not hashed again; <see cref="Finish"/> hashes whatever the reader
/// left unread (later data sets' events, trailing bytes), so the result is the whole file's sha256.
/// A caller that already knows the file's sha256 (a shard whose manifest hashed the file, now unchanged in size and
/// last-write time) passes it as <paramref name="knownSha256"/>: then nothing is hashed, only the bytes the reader
/// asks for are read, and <see cref="Finish"/> returns it.
/// </summary>
internal sealed class FcsHashingFileSource(SafeFileHandle handle, long length, string? knownSha256 = null) : FcsByteSource, IDisposable
{
    private const int GapSliceBytes = 256 * 1024;

    private readonly FcsFileSource _file = new(handle, length);
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _hashed;

    public override long Length => length;

    public override void Read(long offset, Span<byte> destination)
    {
        if (knownSha256 is not null)
        {
            _file.Read(offset, destination);
            return;
        }

        if (offset > _hashed)
        {
            HashUpTo(offset);
        }

        _file.Read(offset, destination);
        var end = offset + destination.Length;
        if (end > _hashed)
        {
            _sha256.AppendData(destination[(int)(_hashed - offset)..]);
            _hashed = end;
        }
    }

    public override bool TryGetMemory(long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        memory = default;
        return false;
    }

    /// <summary>Lower-case hex sha256 of the whole file, reading what the reader did not.</summary>
    public string Finish()
    {
        if (knownSha256 is not null)
        {
            return knownSha256;
        }

        HashUpTo(length);
        return Convert.ToHexStringLower(_sha256.GetHashAndReset());
    }

    public void Dispose() => _sha256.Dispose();

    private void HashUpTo(long offset)
    {
        var slice = ArrayPool<byte>.Shared.Rent(GapSliceBytes);
        try
        {
            while (_hashed < offset)
            {
                var bytes = slice.AsSpan(0, (int)Math.Min(GapSliceBytes, offset - _hashed));
                _file.Read(_hashed, bytes);
                _sha256.AppendData(bytes);
                _hashed += bytes.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(slice);
        }
    }
}
