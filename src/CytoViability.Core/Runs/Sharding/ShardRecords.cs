using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// A shard's sample records, in one file (records.bin) that the shard appends to as its samples finish: each record
/// is its length, its bytes (header with the manifest id, the file's index, outcome, gate plots) and their SHA-256.
/// One file rather than one a sample: creating, renaming and flushing a file a sample cost a shard of 482 small files
/// a third of its CPU (inode allocation, a journal commit each), and a cluster's network file system far more.
/// A record is whole or it does not count: a process killed mid-write leaves a record cut short at the end, and a
/// machine that stops before the kernel wrote the bytes leaves some unwritten; either fails its length or checksum,
/// and it and everything after it are dropped (<see cref="Scan"/>) and written again by the shard's next run. Records
/// are written in batches of a quarter MiB, and the file is flushed to disk once, before shard.json says the shard is
/// complete. A second process running the same shard at the same time is refused: the writer holds the file's
/// exclusive lock.
/// </summary>
internal sealed class ShardRecords : IDisposable
{
    public const string FileName = "records.bin";

    private const int LengthBytes = sizeof(int);
    private const int MaximumRecordBytes = 1 << 30;

    /// <summary>
    /// Records are written a batch at a time: an append that grows the file updates its size in the file system's
    /// journal, 64 µs a record here, a tenth of a small file's gating. A shard killed loses at most the samples of
    /// the batch not yet written (a quarter of a second of work on 50,000-event files), and does them again.
    /// </summary>
    private const int BatchBytes = 256 << 10;

    private readonly SafeFileHandle _handle;
    private readonly Lock _gate = new();
    private readonly MemoryStream _batch = new();
    private long _end;

    private ShardRecords(SafeFileHandle handle, long end)
    {
        _handle = handle;
        _end = end;
    }

    /// <summary>
    /// Opens <paramref name="path"/> to append records, creating it; what <see cref="Scan"/> found in it comes back in
    /// <paramref name="found"/>, and anything after its last whole record is cut off. Throws
    /// <see cref="IOException"/> when another process holds it.
    /// </summary>
    public static ShardRecords Append(string path, out RecordScan found)
    {
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            found = Scan(handle);
            if (found.WholeBytes < found.FileBytes)
            {
                RandomAccess.SetLength(handle, found.WholeBytes);
            }

            return new ShardRecords(handle, found.WholeBytes);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Appends one record written by <paramref name="write"/> (safe from several threads: each record goes in whole, with its batch).</summary>
    public void Add(Action<BinaryWriter> write)
    {
        using var memory = new MemoryStream();
        memory.SetLength(LengthBytes);
        memory.Position = LengthBytes;
        using (var writer = ShardBinary.Writer(memory))
        {
            write(writer);
        }

        var length = checked((int)memory.Length - LengthBytes);
        memory.SetLength(memory.Length + SHA256.HashSizeInBytes);
        var bytes = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
        SHA256.HashData(bytes.Slice(LengthBytes, length), bytes[(LengthBytes + length)..]);
        lock (_gate)
        {
            _batch.Write(bytes);
            if (_batch.Length >= BatchBytes)
            {
                WriteBatch();
            }
        }
    }

    /// <summary>Writes every record added and flushes the file to disk: called once, before the shard is marked complete.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            WriteBatch();
        }

        RandomAccess.FlushToDisk(_handle);
    }

    /// <summary>Writes the records added since the last batch (a shard that stops on an error keeps its finished samples) and closes the file.</summary>
    public void Dispose()
    {
        try
        {
            lock (_gate)
            {
                WriteBatch();
            }
        }
        catch (IOException)
        {
            // The disk refused the last batch: those samples have no record and the shard's next run does them again.
        }
        finally
        {
            _handle.Dispose();
            _batch.Dispose();
        }
    }

    private void WriteBatch()
    {
        if (_batch.Length == 0)
        {
            return;
        }

        RandomAccess.Write(_handle, _batch.GetBuffer().AsSpan(0, (int)_batch.Length), _end);
        _end += _batch.Length;
        _batch.SetLength(0);
    }

    /// <summary>Opens a shard's records to read them (merge).</summary>
    public static SafeFileHandle OpenToRead(string path) => File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);

    /// <summary>
    /// The whole records at the start of the file, in the order written, each checked against its checksum; reading
    /// stops at the first record cut short, damaged or of implausible length (all later bytes are dropped with it).
    /// </summary>
    public static RecordScan Scan(SafeFileHandle handle)
    {
        var fileBytes = RandomAccess.GetLength(handle);
        var records = new List<RecordPlace>();
        var offset = 0L;
        Span<byte> prefix = stackalloc byte[LengthBytes];
        Span<byte> checksum = stackalloc byte[SHA256.HashSizeInBytes];
        byte[] buffer = [];
        while (offset + LengthBytes + SHA256.HashSizeInBytes <= fileBytes)
        {
            ReadExactly(handle, prefix, offset);
            var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
            if (length <= 0 || length > MaximumRecordBytes || offset + LengthBytes + length + SHA256.HashSizeInBytes > fileBytes)
            {
                break;
            }

            if (buffer.Length < length + SHA256.HashSizeInBytes)
            {
                buffer = new byte[length + SHA256.HashSizeInBytes];
            }

            var record = buffer.AsSpan(0, length + SHA256.HashSizeInBytes);
            ReadExactly(handle, record, offset + LengthBytes);
            SHA256.HashData(record[..length], checksum);
            if (!checksum.SequenceEqual(record[length..]))
            {
                break;
            }

            string manifestId;
            int index;
            try
            {
                using var header = new MemoryStream(buffer, 0, length, writable: false, publiclyVisible: true);
                using var reader = ShardBinary.Reader(header);
                manifestId = ShardBinary.ReadHeader(reader, ShardFiles.SampleMagic, FileName);
                index = reader.Read7BitEncodedInt();
            }
            catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException or FormatException)
            {
                break;
            }

            records.Add(new RecordPlace(manifestId, index, offset + LengthBytes, length));
            offset += LengthBytes + length + SHA256.HashSizeInBytes;
        }

        return new RecordScan(records, offset, fileBytes);
    }

    /// <summary>
    /// A record's bytes (without its length and checksum, which <see cref="Scan"/> checked), read into
    /// <paramref name="buffer"/> (grown when too small): the stream is valid until the buffer is used again.
    /// </summary>
    public static MemoryStream Read(SafeFileHandle handle, RecordPlace place, ref byte[] buffer)
    {
        if (buffer.Length < place.Length)
        {
            buffer = new byte[Math.Max(place.Length, buffer.Length * 2)];
        }

        ReadExactly(handle, buffer.AsSpan(0, place.Length), place.Offset);
        return new MemoryStream(buffer, 0, place.Length, writable: false, publiclyVisible: true);
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
            {
                throw new EndOfStreamException("records.bin ends " + buffer.Length + " bytes early at byte " + offset);
            }

            buffer = buffer[read..];
            offset += read;
        }
    }
}

/// <summary>Where one whole record lies: its manifest id and file index, and its bytes' offset and length.</summary>
internal readonly record struct RecordPlace(string ManifestId, int Index, long Offset, int Length);

/// <summary>
/// The whole records of a records.bin (<see cref="ShardRecords.Scan"/>) and how many of its bytes they fill: the rest,
/// <see cref="FileBytes"/> − <see cref="WholeBytes"/>, is a record cut short.
/// </summary>
internal sealed record RecordScan(IReadOnlyList<RecordPlace> Records, long WholeBytes, long FileBytes);
