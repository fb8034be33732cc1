using Microsoft.Win32.SafeHandles;

namespace CytoViability.Core.Fcs;

/// <summary>An open file read with positioned reads, so DATA can be streamed in slices.</summary>
internal sealed class FcsFileSource(SafeFileHandle handle, long length) : FcsByteSource
{
    public override long Length => length;

    public override void Read(long offset, Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            var read = RandomAccess.Read(handle, destination, offset);
            if (read <= 0)
            {
                throw new EndOfStreamException($"The file ended at byte {offset} while {destination.Length} more bytes were expected.");
            }

            destination = destination[read..];
            offset += read;
        }
    }

    public override bool TryGetMemory(long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        memory = default;
        return false;
    }
}
