using CytoViability.Core.Experiments;
using CytoViability.Core.Placement;

namespace CytoViability.Core.Runs;

/// <summary>
/// What the placement pass kept of one sample: its metadata, the histogram of every computed coordinate's parent
/// population on the coordinate's axis, and the sample's own estimate (its method on its own events).
/// </summary>
internal sealed record SamplePlacement(SampleMetadata Metadata, IReadOnlyDictionary<string, AxisHistogram> Histograms, IReadOnlyDictionary<string, PlacementResult> Own)
{
    /// <summary>The file as the placement pass read and decoded it, when the run's budget let it be kept.</summary>
    public SampleProcessor.DecodedFile? Decoded { get; init; }

    /// <summary>The file's sha256 when the pass was asked for it instead of keeping the events (a shard's map step).</summary>
    public string? Sha256 { get; init; }

    /// <summary>With <see cref="Sha256"/>: the size of the file hashed.</summary>
    public long Bytes { get; init; }

    /// <summary>With <see cref="Sha256"/>: the file's last-write time, read from the open file before it was read.</summary>
    public DateTime ModifiedUtc { get; init; }
}
