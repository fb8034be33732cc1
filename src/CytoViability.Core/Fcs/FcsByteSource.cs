namespace CytoViability.Core.Fcs;

/// <summary>
/// Where a reader's bytes come from: an array already in memory or an open file. Byte-aligned DATA is read from
/// either in slices through one cache-sized buffer, so a large DATA segment is never held twice; packed and ASCII
/// DATA are decoded straight from memory when the source can lend it (<see cref="TryGetMemory"/>).
/// </summary>
internal abstract class FcsByteSource
{
    public abstract long Length { get; }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/>; the caller has checked the range.</summary>
    public abstract void Read(long offset, Span<byte> destination);

    /// <summary>The bytes in place when the source is memory; false for a file.</summary>
    public abstract bool TryGetMemory(long offset, int length, out ReadOnlyMemory<byte> memory);

    public byte[] ReadArray(long offset, int length)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        Read(offset, bytes);
        return bytes;
    }
}
