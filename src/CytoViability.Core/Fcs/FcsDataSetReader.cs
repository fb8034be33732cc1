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
    public static FcsDataSet Read(FcsByteSource bytes, string source, long start, int index, List<(long Begin, long End)> claimed, FcsReadOptions options, out long nextStart) =>
        new FcsDataSetReader(bytes, source).Read(start, index, claimed, options, out nextStart);

    /// <summary>Reads one data set on its own (no earlier data sets).</summary>
    public static FcsDataSet Read(FcsByteSource bytes, string source, long start, FcsReadOptions options, out long nextStart) =>
        Read(bytes, source, start, 0, [], options, out nextStart);

    private FcsDataSet Read(long start, int index, List<(long Begin, long End)> claimed, FcsReadOptions options, out long nextStart)
    {
        var warnings = new List<string>();
        var notes = new List<string>();
        var text = FcsTextReader.Read(_bytes, _source, start, warnings);
        var (parameters, layout, timeGainIsTimestep) = FcsParameterReader.Read(text, warnings, notes);
        var (dataBegin, dataLength, eventCount) = FcsDataLocator.Locate(_bytes, text, layout, warnings);
        FcsDataLocator.Claim(text, index, claimed, dataBegin, dataLength);

        float[][]? columns = null;
        double[]?[]? exact = null;
        if (options is { KeywordsOnly: false, EventSlices: { } slices })
        {
            DecodeInSlices(slices, index, layout, dataBegin, dataLength, eventCount);
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
            columns, exact, spillover, spilloverError, timeGainIsTimestep);
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
        var eventBytes = layout.EventBytes;
        var eventsPerSlice = Math.Max(1, StreamSliceBytes / eventBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(eventsPerSlice * eventBytes);
        try
        {
            for (var first = 0; first < eventCount; first += eventsPerSlice)
            {
                var n = Math.Min(eventsPerSlice, eventCount - first);
                var slice = buffer.AsSpan(0, n * eventBytes);
                ReadSlice(begin + ((long)first * eventBytes), slice);
                decoder.DecodeAligned(slice, first, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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

        var eventBytes = layout.EventBytes;
        var eventsPerSlice = Math.Min(eventCount, Math.Max(1, StreamSliceBytes / eventBytes));
        var decoder = new FcsEventDecoder(layout, eventsPerSlice);
        var buffer = ArrayPool<byte>.Shared.Rent(eventsPerSlice * eventBytes);
        try
        {
            for (var first = 0; first < eventCount; first += eventsPerSlice)
            {
                var n = Math.Min(eventsPerSlice, eventCount - first);
                var slice = buffer.AsSpan(0, n * eventBytes);
                ReadSlice(begin + ((long)first * eventBytes), slice);
                decoder.DecodeAligned(slice, 0, n);
                slices.Accept(dataSet, decoder.Columns, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
