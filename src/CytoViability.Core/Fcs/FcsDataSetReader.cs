using System.Buffers;

namespace CytoViability.Core.Fcs;

/// <summary>
/// Reads one data set starting at a given byte of the file: <see cref="FcsTextReader"/> (HEADER, TEXT),
/// <see cref="FcsParameterReader"/> (parameters, event layout), <see cref="FcsDataLocator"/> (where DATA is), then
/// decodes the events, whole or in slices.
/// </summary>
internal sealed class FcsDataSetReader
{
    /// <summary>Bytes of DATA copied per slice: large enough to amortise a read call, small enough for L2.</summary>
    private const int StreamSliceBytes = 1 << 18;

    /// <summary>
    /// Sampled events at most this far apart are read in contiguous runs rather than one by one: a read call costs
    /// about as much as copying this many bytes from the page cache (a 1M-event ADCC file, events 4,800 bytes apart:
    /// 40 files took 0.35 s less CPU in contiguous runs than with a read per event).
    /// </summary>
    private const int SampleContiguousGapBytes = 16 * 1024;

    /// <summary>What is done with one slice of whole events: the bytes, the index of its first event, its event count.</summary>
    private delegate void SliceAction(Span<byte> slice, int first, int count);

    private readonly FcsByteSource _bytes;
    private readonly string _source;

    private FcsDataSetReader(FcsByteSource bytes, string source)
    {
        _bytes = bytes;
        _source = source;
    }

    /// <summary>
    /// Reads data set number <paramref name="index"/> at <paramref name="start"/>. <paramref name="claimed"/> holds the
    /// byte ranges of the data sets read before it; this one's are added. A data set sharing bytes with an earlier one
    /// (a $NEXTDATA chain whose data sets all point at one DATA segment) is refused before its events are decoded.
    /// </summary>
    public static FcsDataSet Read(FcsByteSource bytes, string source, long start, int index, List<FcsByteRange> claimed, FcsReadOptions options, out long nextStart) =>
        new FcsDataSetReader(bytes, source).Read(start, index, claimed, options, out nextStart);

    /// <summary>Reads one data set on its own (no earlier data sets).</summary>
    public static FcsDataSet Read(FcsByteSource bytes, string source, long start, FcsReadOptions options, out long nextStart) =>
        Read(bytes, source, start, 0, [], options, out nextStart);

    private FcsDataSet Read(long start, int index, List<FcsByteRange> claimed, FcsReadOptions options, out long nextStart)
    {
        var warnings = new List<string>();
        var notes = new List<string>();
        var text = FcsTextReader.Read(_bytes, _source, start, warnings);
        var (parameters, layout, timeGainIsTimestep) = FcsParameterReader.Read(text, warnings, notes);
        var (dataBegin, dataLength, eventCount) = FcsDataLocator.Locate(_bytes, text, layout, warnings);
        FcsDataLocator.Claim(text, index, claimed, dataBegin, dataLength);

        float[][]? columns = null;
        double[]?[]? exact = null;
        var stride = 1;
        if (options is { KeywordsOnly: false, EventSlices: { } slices })
        {
            DecodeInSlices(slices, index, layout, dataBegin, dataLength, eventCount);
        }
        else if (!options.KeywordsOnly && options.SampledEvents is { } sampled && layout.DataType != 'A' && !layout.IsPacked && eventCount > sampled)
        {
            stride = (int)((eventCount + (long)sampled - 1) / sampled);
            eventCount = ((eventCount - 1) / stride) + 1;
            var decoder = new FcsEventDecoder(layout, eventCount);
            DecodeSample(decoder, layout, dataBegin, eventCount, stride);
            columns = decoder.Columns;
            exact = decoder.ExactColumns;
        }
        else if (!options.KeywordsOnly)
        {
            var decoder = new FcsEventDecoder(layout, eventCount);
            Decode(decoder, layout, dataBegin, dataLength, eventCount);
            columns = decoder.Columns;
            exact = decoder.ExactColumns;
        }

        var spillover = FcsSpilloverKeyword.Parse(text.Keywords, text.OffsetOf, _source, warnings, out var spilloverError);
        nextStart = FcsDataLocator.NextDataSet(_bytes, text, warnings);
        var segmentOffsets = new FcsSegmentOffsets(start, text.TextBegin, text.TextEnd, dataBegin, dataBegin + dataLength - 1);
        return new FcsDataSet(
            text.Version, text.Keywords, parameters, eventCount, warnings.ToArray(), notes.ToArray(), layout.DataType, segmentOffsets,
            columns, exact, spillover, spilloverError, timeGainIsTimestep) { EventStride = stride };
    }

    private void Decode(FcsEventDecoder decoder, FcsDataLayout layout, long begin, long length, int eventCount)
    {
        if (eventCount == 0)
        {
            return;
        }

        if (layout.DataType == 'A' || layout.IsPacked)
        {
            if (length > int.MaxValue)
            {
                throw Fail("DATA", begin, $"{(layout.IsPacked ? "packed integer" : "ASCII")} DATA larger than 2 GB is not supported");
            }

            ReadOnlySpan<byte> whole;
            if (_bytes.TryGetMemory(begin, (int)length, out var memory))
            {
                whole = memory.Span;
            }
            else
            {
                var copy = GC.AllocateUninitializedArray<byte>((int)length);
                ReadSlice(begin, copy);
                whole = copy;
            }

            if (layout.IsPacked)
            {
                decoder.DecodePacked(whole, eventCount);
            }
            else if (!decoder.DecodeAscii(whole, eventCount, out var bad))
            {
                throw Fail("DATA", begin + bad, "ASCII DATA holds a field that is not a number");
            }

            return;
        }

        // Byte-aligned DATA always goes through a slice buffer, even when the whole file is already in memory:
        // a streaming copy of a slice followed by a de-interleave that reads from L2 beat de-interleaving
        // straight out of a large array (8.1 ms against 12.0 ms for 48 MB; see FcsReaderBenchmarks).
        var eventsPerSlice = Math.Max(1, StreamSliceBytes / layout.EventBytes);
        ForEachSlice(begin, layout.EventBytes, eventCount, eventsPerSlice, (slice, first, n) => decoder.DecodeAligned(slice, first, n));
    }

    /// <summary>Reads byte-aligned DATA slice by slice (whole events, <paramref name="eventsPerSlice"/> at a time) into one pooled buffer.</summary>
    private void ForEachSlice(long begin, int eventBytes, int eventCount, int eventsPerSlice, SliceAction decode)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(eventsPerSlice * eventBytes);
        try
        {
            for (var first = 0; first < eventCount; first += eventsPerSlice)
            {
                var n = Math.Min(eventsPerSlice, eventCount - first);
                var slice = buffer.AsSpan(0, n * eventBytes);
                ReadSlice(begin + ((long)first * eventBytes), slice);
                decode(slice, first, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Decodes events 0, k, 2k, … (<paramref name="eventCount"/> of them, k = <paramref name="stride"/>) of byte-aligned
    /// DATA: each event is copied into a buffer of consecutive events, which is decoded as if it were a slice of the
    /// file (decoding works event by event, so the values are those of a whole decode). Events further apart than
    /// <see cref="SampleContiguousGapBytes"/> are read one by one (at most <see cref="FcsReadOptions.SampledEvents"/> reads, whatever the file's size),
    /// closer ones out of contiguous reads of a slice.
    /// </summary>
    private void DecodeSample(FcsEventDecoder decoder, FcsDataLayout layout, long begin, int eventCount, int stride)
    {
        var eventBytes = layout.EventBytes;
        var gap = (long)stride * eventBytes;

        // Close sampled events are picked out of contiguous reads: one read per event would cost a system call for
        // bytes the page cache copies in whole pages anyway.
        var contiguous = gap <= SampleContiguousGapBytes;
        var eventsPerSlice = Math.Max(1, contiguous ? (int)(StreamSliceBytes / gap) : StreamSliceBytes / eventBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(eventsPerSlice, eventCount) * eventBytes);
        var raw = contiguous ? ArrayPool<byte>.Shared.Rent((int)(Math.Min(eventsPerSlice, eventCount) * gap)) : null;
        try
        {
            for (var first = 0; first < eventCount; first += eventsPerSlice)
            {
                var n = Math.Min(eventsPerSlice, eventCount - first);
                if (raw is not null)
                {
                    ReadSlice(begin + (first * gap), raw.AsSpan(0, (int)(((n - 1) * gap) + eventBytes)));
                    for (var i = 0; i < n; i++)
                    {
                        raw.AsSpan((int)(i * gap), eventBytes).CopyTo(buffer.AsSpan(i * eventBytes, eventBytes));
                    }
                }
                else
                {
                    for (var i = 0; i < n; i++)
                    {
                        ReadSlice(begin + ((first + i) * gap), buffer.AsSpan(i * eventBytes, eventBytes));
                    }
                }

                decoder.DecodeAligned(buffer.AsSpan(0, n * eventBytes), first, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (raw is not null)
            {
                ArrayPool<byte>.Shared.Return(raw);
            }
        }
    }

    /// <summary>
    /// Decodes byte-aligned DATA one slice of whole events at a time into slice-sized columns handed to
    /// <paramref name="slices"/>, so memory stays at two slices whatever the file's size. Packed and ASCII DATA are
    /// decoded in one go by <see cref="Decode"/> (as without slices) and handed over as a single slice: a packed
    /// bit stream and delimited text have no byte offset for an event without reading what comes before it, and
    /// both occur only in small, old files.
    /// </summary>
    private void DecodeInSlices(IFcsEventSlices slices, int dataSet, FcsDataLayout layout, long begin, long length, int eventCount)
    {
        if (eventCount == 0)
        {
            return;
        }

        if (layout.DataType == 'A' || layout.IsPacked)
        {
            var whole = new FcsEventDecoder(layout, eventCount);
            Decode(whole, layout, begin, length, eventCount);
            slices.Accept(dataSet, whole.Columns, eventCount);
            return;
        }

        var eventsPerSlice = Math.Min(eventCount, Math.Max(1, StreamSliceBytes / layout.EventBytes));
        var decoder = new FcsEventDecoder(layout, eventsPerSlice);
        ForEachSlice(begin, layout.EventBytes, eventCount, eventsPerSlice, (slice, _, n) =>
        {
            decoder.DecodeAligned(slice, 0, n);
            slices.Accept(dataSet, decoder.Columns, n);
        });
    }

    /// <summary>Reads DATA bytes; a file that shrank after it was opened is refused naming the file, not as a bare end of stream.</summary>
    private void ReadSlice(long offset, Span<byte> destination)
    {
        try
        {
            _bytes.Read(offset, destination);
        }
        catch (EndOfStreamException exception)
        {
            throw Fail("DATA", offset, "the file ended while its events were read (" + exception.Message + "); it was truncated or replaced while being read");
        }
    }

    private FcsFormatException Fail(string segment, long offset, string problem) => new(_source, segment, offset, problem);
}
