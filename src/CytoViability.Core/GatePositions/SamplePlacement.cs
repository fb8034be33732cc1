using CytoViability.Core.Experiments;
using CytoViability.Core.Placement;

namespace CytoViability.Core.GatePositions;

/// <summary>
/// What the placement pass kept of one sample: its metadata, the histogram of every computed coordinate's parent
/// population on the coordinate's axis, and the sample's own estimate (its method on its own events).
/// </summary>
internal sealed record SamplePlacement(SampleMetadata Metadata, IReadOnlyDictionary<string, AxisHistogram> Histograms, IReadOnlyDictionary<string, PlacementResult> Own)
{
    /// <summary>The file's sha256 when the pass was asked for it (a shard's map step).</summary>
    public string? Sha256 { get; init; }

    /// <summary>With <see cref="Sha256"/>: the size of the file hashed.</summary>
    public long Bytes { get; init; }

    /// <summary>With <see cref="Sha256"/>: the file's last-write time, read from the open file before it was read.</summary>
    public DateTime ModifiedUtc { get; init; }
}
