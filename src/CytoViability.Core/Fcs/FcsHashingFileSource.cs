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
/// With <paramref name="readAhead"/> (a sampled read: one event here and there, the whole file hashed), a small read
/// beyond the bytes hashed so far reads and hashes the file forward in slices and is served from the last one,
/// instead of a system call for each event and another for each gap between two (`plan` counting a shard's map:
/// 20,000 reads of a 1,000,000-event file become 230).
/// </summary>
internal sealed class FcsHashingFileSource(SafeFileHandle handle, long length, string? knownSha256 = null, bool readAhead = false) : FcsByteSource, IDisposable
{
    private const int GapSliceBytes = 256 * 1024;

    /// <summary>Reads up to this size are served from the read-ahead slice; larger ones (whole-file slices) are read directly.</summary>
    private const int ReadAheadReadBytes = GapSliceBytes / 8;

    private readonly FcsFileSource _file = new(handle, length);
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _hashed;
    private byte[]? _window;
    private long _windowStart;
    private int _windowLength;

    public override long Length => length;

    public override void Read(long offset, Span<byte> destination)
    {
        if (knownSha256 is not null)
        {
            _file.Read(offset, destination);
            return;
        }

        var end = offset + destination.Length;
        if (readAhead && destination.Length <= ReadAheadReadBytes)
        {
            while (_hashed < end && _hashed < length)
            {
                ReadAheadSlice();
            }

            if (offset >= _windowStart && end <= _windowStart + _windowLength)
            {
                _window.AsSpan((int)(offset - _windowStart), destination.Length).CopyTo(destination);
            }
            else
            {
                // Across two slices (or beyond the end, which the file source refuses): these bytes are hashed already.
                _file.Read(offset, destination);
            }

            return;
        }

        if (offset > _hashed)
        {
            HashUpTo(offset);
        }

        _file.Read(offset, destination);
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

    public void Dispose()
    {
        _sha256.Dispose();
        if (_window is not null)
        {
            ArrayPool<byte>.Shared.Return(_window);
            _window = null;
        }
    }

    /// <summary>Reads and hashes the next slice after the bytes hashed so far, and keeps it for the reads that fall in it.</summary>
    private void ReadAheadSlice()
    {
        _window ??= ArrayPool<byte>.Shared.Rent(GapSliceBytes);
        var bytes = _window.AsSpan(0, (int)Math.Min(GapSliceBytes, length - _hashed));
        _file.Read(_hashed, bytes);
        _sha256.AppendData(bytes);
        _windowStart = _hashed;
        _windowLength = bytes.Length;
        _hashed += bytes.Length;
    }

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
