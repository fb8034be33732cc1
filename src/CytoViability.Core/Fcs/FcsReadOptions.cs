namespace CytoViability.Core.Fcs;

/// <summary>How much of a file to read.</summary>
internal sealed class FcsReadOptions
{
    /// <summary>Stop after data set 0 even when $NEXTDATA points to more.</summary>
    public bool FirstDataSetOnly { get; init; }

    /// <summary>
    /// Read HEADER, TEXT and parameters but do not decode events (sample discovery over a large folder).
    /// <see cref="FcsDataSet.EventCount"/> is still $TOT; the column accessors throw.
    /// </summary>
    public bool KeywordsOnly { get; init; }

    /// <summary>
    /// Decode the events of data set 0 only; later data sets are read as with <see cref="KeywordsOnly"/> (counted,
    /// described, checked, not decoded). What `run` uses: it gates the first data set only.
    /// </summary>
    public bool EventsOfFirstDataSetOnly { get; init; }

    /// <summary>
    /// Hand every data set's events to this sink slice by slice instead of keeping them: the data sets come back
    /// as with <see cref="KeywordsOnly"/> (column accessors throw). What <c>inspect --stats</c> uses.
    /// </summary>
    internal IFcsEventSlices? EventSlices { get; init; }

    /// <summary>
    /// Decode only a sample of each decoded data set's events: events 0, k, 2k, … with k = ⌈$TOT / SampledEvents⌉, so
    /// at most this many. Events far apart are read one by one (the rest of DATA is not read); events at most 16 KiB
    /// apart are picked out of contiguous slices, as the page cache copies whole pages anyway. The data set's
    /// <see cref="FcsDataSet.EventCount"/> is then the sample's size and <see cref="FcsDataSet.EventStride"/> is k. The
    /// values are exactly those of the same events decoded whole. Packed and ASCII DATA, which have no byte offset per
    /// event, are decoded whole (k = 1). What the placement pass and a shard's map step use: gate placement counts at
    /// most this many events.
    /// </summary>
    internal int? SampledEvents { get; init; }
}
