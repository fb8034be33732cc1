namespace CytoViability.Core.Fcs;

/// <summary>Bytes already in memory: byte-aligned DATA is copied out slice by slice like a file's; packed and ASCII DATA are decoded in place.</summary>
internal sealed class FcsMemorySource(ReadOnlyMemory<byte> bytes) : FcsByteSource
{
    public override long Length => bytes.Length;

    public override void Read(long offset, Span<byte> destination) =>
        bytes.Span.Slice((int)offset, destination.Length).CopyTo(destination);

    public override bool TryGetMemory(long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        memory = bytes.Slice((int)offset, length);
        return true;
    }
}
