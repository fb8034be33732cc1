using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CytoViability.Core.Compensation;
using CytoViability.Core.Fcs;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Gating;

/// <summary>
/// The values gates read, for one file. Gating runs block by block (<see cref="StartBlock"/>): a block's scale values
/// (read from the data set's float columns, <see cref="EventColumns.ReadBlock"/>) and transformed values are computed
/// into buffers this store owns and reuses for the next block, so they stay in cache. Compensated values and ratios
/// are computed block by block too, but into whole-file columns, which statistics and placement QC read afterwards.
/// Other whole columns (<see cref="Values"/>) are computed only when a caller asks for them (statistics, plots), each
/// (channel, compensation, transform) once per sample, and kept: gating, statistics and the report read the same
/// compensated column.
/// </summary>
internal sealed class DimensionStore
{
    /// <summary>
    /// Events per block (256 words). A block's raw, compensated and gathered values (about 2 MB for the usual dozen
    /// channels) stay in cache between the gates that read them, and per-block bookkeeping stays negligible: on the
    /// gating benchmark 16,384 beat 2,048 (by 1.8 ms), 4,096, 8,192 and 32,768.
    /// </summary>
    public const int BlockEvents = 16384;

    /// <summary>
    /// Files of at most this many events (16 blocks) also keep their scale values (float64, widened from the file's
    /// float columns) in whole-file columns as gating reads them block by block, for the statistics and placement QC
    /// that read most of them whole afterwards. Larger files keep block buffers for those, so the memory bound does not
    /// grow with the file: widening again is cheap. Compensated values and ratios are kept whole for every file (see
    /// <see cref="BlockCompensated"/>).
    /// </summary>
    public const int WholeColumnEvents = 16 * BlockEvents;

    private readonly GatingStrategy _strategy;
    private readonly EventColumns _events;
    private readonly CompensationMatrix? _fileSpillover;
    private readonly Dictionary<GateDimension, double[]> _values = [];
    // Whole compensated columns by matrix, indexed by fluorochrome.
    private readonly Dictionary<CompensationMatrix, double[]?[]> _compensated = [];
    private readonly Dictionary<CompensationMatrix, int[]> _detectorIndexes = [];

    // Per block: values by dimension, the compensated outputs per matrix, scale values by parameter index, quadrant
    // splits, where each channel comes from, and the gather buffers of polygons on axes not transformed yet. Entries
    // are classes and keys references, not value tuples: a dictionary over value types is compiled at start-up by
    // the JIT for each shape (ReadyToRun code cannot hold the framework's generic code over them), about seven
    // methods a dictionary, where reference types share code compiled ahead of time.
    private readonly Dictionary<GateDimension, BlockValues> _block = [];
    private readonly Dictionary<CompensationMatrix, BlockUnmixing> _blockTerms = [];
    private readonly BlockValues?[] _raw;
    private readonly Dictionary<QuadrantGate, Dictionary<string, BlockIntervals>> _intervals = [];
    private readonly Dictionary<CompensationReference, Dictionary<string, ChannelSource>> _sources = [];
    private readonly double[] _gatheredX;
    private readonly double[] _gatheredY;

    // Events known to be finite on a dimension, over the whole file, filled in block by block.
    private readonly Dictionary<GateDimension, Bitset> _finite = [];
    // Block buffers hold no more events than the file has, so a small file gets small buffers.
    private readonly int _blockCapacity;
    private readonly bool _keepWhole;
    private readonly int _blockTotal;
    private int _blockIndex = -1;
    private int _blockFirst;
    private int _blockCount;

    public DimensionStore(GatingStrategy strategy, EventColumns events, CompensationMatrix? fileSpillover)
    {
        _strategy = strategy;
        _events = events;
        _fileSpillover = fileSpillover;
        _blockCapacity = Math.Min(BlockEvents, events.EventCount);
        _keepWhole = events.EventCount <= WholeColumnEvents;
        _blockTotal = Math.Max(1, (events.EventCount + BlockEvents - 1) / BlockEvents);
        _raw = new BlockValues?[events.Names.Count];
        _gatheredX = SampleBuffers.Doubles(_blockCapacity);
        _gatheredY = SampleBuffers.Doubles(_blockCapacity);
    }

    public EventColumns Events => _events;

    public GatingStrategy Strategy => _strategy;

    /// <summary>Index of the block's first word in the whole-file bitsets.</summary>
    public int BlockWord => _blockFirst >> 6;

    /// <summary>Makes events <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> − 1 (first a multiple of 64) the block that gates read.</summary>
    public void StartBlock(int first, int count)
    {
        _blockIndex++;
        _blockFirst = first;
        _blockCount = count;
    }

    /// <summary>Compensated, transformed values of <paramref name="dimension"/> for every event of the file.</summary>
    public double[] Values(GateDimension dimension)
    {
        if (_values.TryGetValue(dimension, out var cached))
        {
            return cached;
        }

        double[] result;
        if (dimension.TransformId is { } transformId)
        {
            var untransformed = Values(dimension with { TransformId = null });
            var transform = _strategy.Transform(transformId);
            result = SampleBuffers.Doubles(untransformed.Length);
            transform.Forward(untransformed, result);
        }
        else
        {
            result = dimension switch
            {
                ChannelDimension channel => Compensated(channel.Channel, channel.Compensation),
                RatioDimension ratio => Ratio(ratio),
                _ => throw new GateReferenceException("unknown dimension kind " + dimension.GetType().Name),
            };
        }

        _values[dimension] = result;
        return result;
    }

    /// <summary>Values of <paramref name="dimension"/> for the block's events.</summary>
    public ReadOnlyMemory<double> Block(GateDimension dimension)
    {
        if (!_block.TryGetValue(dimension, out var entry))
        {
            entry = new BlockValues();
            _block[dimension] = entry;
        }
        else if (entry.Block == _blockIndex)
        {
            return entry.Values;
        }

        ReadOnlyMemory<double> values;
        var buffer = entry.Buffer;
        if (dimension.TransformId is { } transformId)
        {
            var untransformed = Block(dimension with { TransformId = null });
            buffer ??= SampleBuffers.Doubles(_blockCapacity);
            _strategy.Transform(transformId).Forward(untransformed.Span, buffer.AsSpan(0, _blockCount));
            values = buffer.AsMemory(0, _blockCount);
        }
        else if (dimension is RatioDimension ratio)
        {
            var definition = _strategy.Ratio(ratio.RatioId);
            var numerator = BlockChannel(definition.Numerator, ratio.Compensation);
            var denominator = BlockChannel(definition.Denominator, ratio.Compensation);
            // Kept whole for any file, as compensated values are: placement QC reads a gated ratio whole afterwards.
            buffer ??= SampleBuffers.Doubles(_events.EventCount);
            definition.Apply(numerator.Span, denominator.Span, buffer.AsSpan(_blockFirst, _blockCount));
            values = buffer.AsMemory(_blockFirst, _blockCount);
            if (entry.Done + 1 == _blockTotal)
            {
                // Every event's ratio is computed now: Ratio would compute the same values again.
                _values.TryAdd(dimension, buffer);
            }
        }
        else if (dimension is ChannelDimension channel)
        {
            values = BlockChannel(channel.Channel, channel.Compensation);
        }
        else
        {
            throw new GateReferenceException("unknown dimension kind " + dimension.GetType().Name);
        }

        entry.Values = values;
        entry.Buffer = buffer;
        entry.Block = _blockIndex;
        entry.Done++;
        return values;
    }

    /// <summary>Whether reading <paramref name="dimension"/> in this block would mean transforming the whole block first.</summary>
    public bool NeedsTransform(GateDimension dimension) =>
        dimension.TransformId is not null && !(_block.TryGetValue(dimension, out var entry) && entry.Block == _blockIndex);

    /// <summary>
    /// The block values of <paramref name="x"/> and <paramref name="y"/> for the events of <paramref name="events"/>
    /// only, in event order, in buffers this store reuses for the next call. An axis not transformed yet in this
    /// block is transformed for these events alone, so a gate under a small parent pays for its parent's events only.
    /// </summary>
    public (ReadOnlyMemory<double> X, ReadOnlyMemory<double> Y) Gather(GateDimension x, GateDimension y, ReadOnlySpan<ulong> events)
    {
        var transformX = NeedsTransform(x) ? _strategy.Transform(x.TransformId!) : null;
        var transformY = NeedsTransform(y) ? _strategy.Transform(y.TransformId!) : null;
        var sourceX = (transformX is null ? Block(x) : Block(x with { TransformId = null })).Span;
        var sourceY = (transformY is null ? Block(y) : Block(y with { TransformId = null })).Span;

        // Every set bit is an event of the block (the bits past its last event are clear), so each index is inside
        // both sources, and the buffers hold a whole block.
        ref var fromX = ref MemoryMarshal.GetReference(sourceX);
        ref var fromY = ref MemoryMarshal.GetReference(sourceY);
        ref var toX = ref MemoryMarshal.GetArrayDataReference(_gatheredX);
        ref var toY = ref MemoryMarshal.GetArrayDataReference(_gatheredY);
        var count = 0;
        for (var w = 0; w < events.Length; w++)
        {
            for (var word = events[w]; word != 0; word &= word - 1)
            {
                var e = (w << 6) + BitOperations.TrailingZeroCount(word);
                Unsafe.Add(ref toX, count) = Unsafe.Add(ref fromX, e);
                Unsafe.Add(ref toY, count) = Unsafe.Add(ref fromY, e);
                count++;
            }
        }

        var xs = _gatheredX.AsSpan(0, count);
        var ys = _gatheredY.AsSpan(0, count);
        transformX?.Forward(xs, xs);
        transformY?.Forward(ys, ys);
        return (_gatheredX.AsMemory(0, count), _gatheredY.AsMemory(0, count));
    }

    /// <summary>
    /// region &amp;= (low ≤ value &lt; high) on <paramref name="dimension"/>, as <see cref="GateKernels.Range"/>. On an
    /// increasing transform whose block values are not already at hand, the bounds are compared on the data axis
    /// instead, which needs the transform only for the few events next to a bound's pre-image.
    /// </summary>
    public void Range(GateDimension dimension, double? min, double? max, Span<ulong> region)
    {
        if (NeedsTransform(dimension) && _strategy.Transform(dimension.TransformId!) is IIncreasingTransform increasing)
        {
            var data = Block(dimension with { TransformId = null }).Span;
            if (min is null && max is null)
            {
                // Finite after the transform is finite before it.
                GateKernels.Range(data, null, null, region);
            }
            else
            {
                GateKernels.RangeOnPreimage(data, increasing, min, max, region);
            }

            return;
        }

        GateKernels.Range(Block(dimension).Span, min, max, region);
    }

    /// <summary>
    /// Notes that the events of <paramref name="kept"/> (block words) are finite on <paramref name="dimension"/>:
    /// what a rectangle, quadrant or polygon gate keeps always is, so a boolean gate built on it need not test them again.
    /// </summary>
    public void KeptFinite(GateDimension dimension, ReadOnlySpan<ulong> kept)
    {
        if (!_finite.TryGetValue(dimension, out var known))
        {
            known = new Bitset(_events.EventCount);
            _finite[dimension] = known;
        }

        var words = known.Bits.AsSpan(BlockWord, kept.Length);
        for (var i = 0; i < words.Length; i++)
        {
            words[i] |= kept[i];
        }
    }

    /// <summary>region &amp;= events finite on <paramref name="dimension"/>; only those not already known finite are tested.</summary>
    public void Finite(GateDimension dimension, Span<ulong> region)
    {
        if (!_finite.TryGetValue(dimension, out var known))
        {
            Range(dimension, null, null, region);
            return;
        }

        var knownWords = known.Bits.AsSpan(BlockWord, region.Length);
        Span<ulong> unknown = stackalloc ulong[region.Length];
        var any = false;
        for (var i = 0; i < region.Length; i++)
        {
            unknown[i] = region[i] & ~knownWords[i];
            any |= unknown[i] != 0;
        }

        if (!any)
        {
            return;
        }

        Range(dimension, null, null, unknown);
        for (var i = 0; i < region.Length; i++)
        {
            region[i] = (region[i] & knownWords[i]) | unknown[i];
        }
    }

    /// <summary>
    /// The block's events of <paramref name="parent"/> in each interval of <paramref name="divider"/>, then those
    /// finite on it (see <see cref="GateKernels.Intervals"/>): split once per block and quadrant gate, and shared by
    /// its quadrants, which all have the same parent.
    /// </summary>
    public ulong[][] Intervals(QuadrantGate gate, QuadrantDivider divider, ReadOnlySpan<ulong> parent)
    {
        if (!_intervals.TryGetValue(gate, out var byDivider))
        {
            byDivider = new Dictionary<string, BlockIntervals>(StringComparer.Ordinal);
            _intervals[gate] = byDivider;
        }

        if (!byDivider.TryGetValue(divider.Id, out var entry))
        {
            entry = new BlockIntervals();
            byDivider[divider.Id] = entry;
        }
        else if (entry.Block == _blockIndex)
        {
            return entry.Words!;
        }

        var intervals = entry.Words;
        if (intervals is null)
        {
            intervals = new ulong[divider.Values.Count + 2][];
            for (var i = 0; i < intervals.Length; i++)
            {
                intervals[i] = new ulong[Bitset.WordCount(_blockCapacity)];
            }
        }
        else
        {
            foreach (var words in intervals)
            {
                Array.Clear(words);
            }
        }

        var dimension = divider.Dimension;
        var increasing = NeedsTransform(dimension) ? _strategy.Transform(dimension.TransformId!) as IIncreasingTransform : null;
        var data = increasing is null ? Block(dimension) : Block(dimension with { TransformId = null });
        GateKernels.Intervals(data.Span, increasing, divider.Values, parent, intervals);
        entry.Words = intervals;
        entry.Block = _blockIndex;
        return intervals;
    }

    private ReadOnlyMemory<double> BlockChannel(string channel, CompensationReference compensation)
    {
        if (!_sources.TryGetValue(compensation, out var byChannel))
        {
            byChannel = new Dictionary<string, ChannelSource>(StringComparer.Ordinal);
            _sources[compensation] = byChannel;
        }

        if (!byChannel.TryGetValue(channel, out var source))
        {
            source = Matrix(compensation) is { } matrix && matrix.IndexOf(channel) is var fluorochrome and >= 0
                ? new ChannelSource(matrix, fluorochrome, -1)
                : new ChannelSource(null, -1, ChannelIndex(channel));
            byChannel[channel] = source;
        }

        return source.Matrix is null
            ? RawBlock(source.Column)
            : BlockCompensated(source.Matrix, source.Fluorochrome);
    }

    /// <summary>The block's scale values of parameter <paramref name="index"/>: a slice of the column when it is whole in memory, else read into a buffer.</summary>
    private ReadOnlyMemory<double> RawBlock(int index)
    {
        if (_events.InMemory(index) is { } column)
        {
            return column.AsMemory(_blockFirst, _blockCount);
        }

        var entry = _raw[index] ??= new BlockValues { Buffer = SampleBuffers.Doubles(_keepWhole ? _events.EventCount : _blockCapacity) };
        var buffer = entry.Buffer!;
        var offset = _keepWhole ? _blockFirst : 0;
        if (entry.Block != _blockIndex)
        {
            _events.ReadBlock(index, _blockFirst, buffer.AsSpan(offset, _blockCount));
            entry.Block = _blockIndex;
            entry.Done++;
            if (_keepWhole && entry.Done == _blockTotal)
            {
                // Every event's scale value is read now: the column need not be read again for statistics.
                _events.Keep(index, buffer);
            }
        }

        return buffer.AsMemory(offset, _blockCount);
    }

    /// <summary>
    /// The block's compensated values of one fluorochrome. The first request for a matrix sets up every
    /// fluorochrome the strategy reads through it, and each block computes them all in one pass over its detector values,
    /// into whole-file columns whatever the file's size: in a run, placement QC and statistics read those columns whole
    /// afterwards, and <see cref="Compensate"/> would otherwise unmix every event a second time into columns of the
    /// same size (a tenth of the CPU of a run over 1,000,000-event files), so a run's peak does not grow. A caller that
    /// never reads them whole (`gatingml` on a large file) holds them for nothing: 8 bytes an event per channel.
    /// </summary>
    private ReadOnlyMemory<double> BlockCompensated(CompensationMatrix matrix, int fluorochrome)
    {
        if (!_blockTerms.TryGetValue(matrix, out var entry))
        {
            // Detector columns whole in memory are read in place, and so are float columns that need no scaling;
            // otherwise each block's detector values are read into buffers first (block by block from the data
            // set's float columns).
            var wanted = Wanted(matrix, fluorochrome, _ => false);
            var whole = WholeDetectorColumns(matrix);
            var floats = whole is null ? WidenedDetectorColumns(matrix) : null;
            var buffers = whole is null && floats is null ? Buffers(matrix.Detectors.Count, _blockCapacity) : null;
            var terms = floats is not null ? new CompensationTerms(matrix, floats, wanted) : new CompensationTerms(matrix, whole ?? buffers!, wanted);
            entry = new BlockUnmixing(terms, Buffers(terms.Fluorochromes.Count, _events.EventCount), buffers);
            _blockTerms[matrix] = entry;
        }

        var index = -1;
        for (var k = 0; k < entry.Terms.Fluorochromes.Count; k++)
        {
            if (entry.Terms.Fluorochromes[k] == fluorochrome)
            {
                index = k;
            }
        }

        if (index < 0)
        {
            // Not a channel any gate reads compensated: only a caller's own dimension gets here.
            return Compensate(matrix, fluorochrome).AsMemory(_blockFirst, _blockCount);
        }

        if (entry.Block != _blockIndex)
        {
            if (entry.Detectors is { } buffers)
            {
                ReadDetectors(matrix, _blockFirst, _blockCount, buffers);
                entry.Terms.Unmix(0, _blockCount, entry.Outputs, _blockFirst);
            }
            else
            {
                entry.Terms.Unmix(_blockFirst, _blockCount, entry.Outputs, _blockFirst);
            }

            entry.Block = _blockIndex;
            entry.Done++;
            if (entry.Done == _blockTotal)
            {
                // Every event is unmixed now: these are the columns Compensate would compute again.
                var columns = CompensatedColumns(matrix);
                for (var k = 0; k < entry.Outputs.Length; k++)
                {
                    columns[entry.Terms.Fluorochromes[k]] ??= entry.Outputs[k];
                }
            }
        }

        return entry.Outputs[index].AsMemory(_blockFirst, _blockCount);
    }

    private double[] Ratio(RatioDimension dimension)
    {
        var ratio = _strategy.Ratio(dimension.RatioId);
        var numerator = Compensated(ratio.Numerator, dimension.Compensation);
        var denominator = Compensated(ratio.Denominator, dimension.Compensation);
        var result = SampleBuffers.Doubles(numerator.Length);
        ratio.Apply(numerator, denominator, result);
        return result;
    }

    private double[] Compensated(string channel, CompensationReference compensation)
    {
        if (Matrix(compensation) is { } matrix && matrix.IndexOf(channel) is var fluorochrome and >= 0)
        {
            return Compensate(matrix, fluorochrome);
        }

        return Column(channel);
    }

    private CompensationMatrix? Matrix(CompensationReference compensation) => compensation.Source switch
    {
        CompensationSource.File => _fileSpillover,
        CompensationSource.Matrix => _strategy.Matrix(compensation.MatrixId!),
        _ => null,
    };

    private double[] Column(string channel) => _events.Column(ChannelIndex(channel));

    private int ChannelIndex(string channel)
    {
        var index = _events.Find(channel);
        if (index < 0)
        {
            throw new GateReferenceException("channel '" + channel + "' is not a parameter of the file (no $PnN or $PnS of that name)");
        }

        return index;
    }

    /// <summary>
    /// The whole compensated column of one fluorochrome. The first request for a matrix computes every fluorochrome the
    /// strategy reads through it in one blocked pass, so each detector column is read once per file, and no whole
    /// float64 copy of a detector column is made unless one is in memory already.
    /// </summary>
    private double[] Compensate(CompensationMatrix matrix, int fluorochrome)
    {
        var columns = CompensatedColumns(matrix);
        if (columns[fluorochrome] is { } cached)
        {
            return cached;
        }

        var wanted = Wanted(matrix, fluorochrome, index => columns[index] is not null);
        var outputs = new double[wanted.Count][];
        for (var k = 0; k < outputs.Length; k++)
        {
            outputs[k] = SampleBuffers.Doubles(_events.EventCount);
        }

        if (WholeDetectorColumns(matrix) is { } whole)
        {
            new CompensationTerms(matrix, whole, wanted).Unmix(0, _events.EventCount, outputs);
        }
        else if (WidenedDetectorColumns(matrix) is { } floats)
        {
            new CompensationTerms(matrix, floats, wanted).Unmix(0, _events.EventCount, outputs);
        }
        else
        {
            var buffers = Buffers(matrix.Detectors.Count, _blockCapacity);
            var terms = new CompensationTerms(matrix, buffers, wanted);
            for (var first = 0; first < _events.EventCount; first += _blockCapacity)
            {
                var count = Math.Min(_blockCapacity, _events.EventCount - first);
                ReadDetectors(matrix, first, count, buffers);
                terms.Unmix(0, count, outputs, first);
            }
        }

        for (var k = 0; k < outputs.Length; k++)
        {
            columns[wanted[k]] = outputs[k];
        }

        return outputs[0];
    }

    private double[]?[] CompensatedColumns(CompensationMatrix matrix)
    {
        if (!_compensated.TryGetValue(matrix, out var columns))
        {
            columns = new double[]?[matrix.Fluorochromes.Count];
            _compensated[matrix] = columns;
        }

        return columns;
    }

    /// <summary><paramref name="fluorochrome"/> first, then the others of <paramref name="matrix"/> the strategy reads compensated, except those <paramref name="done"/>.</summary>
    private List<int> Wanted(CompensationMatrix matrix, int fluorochrome, Func<int, bool> done)
    {
        var wanted = new List<int> { fluorochrome };
        foreach (var name in _strategy.CompensatedChannels)
        {
            var index = matrix.IndexOf(name);
            if (index >= 0 && !wanted.Contains(index) && !done(index))
            {
                wanted.Add(index);
            }
        }

        return wanted;
    }

    /// <summary>The matrix's detector columns when every one is whole in memory; null when they are to be read block by block.</summary>
    private double[][]? WholeDetectorColumns(CompensationMatrix matrix)
    {
        var indexes = DetectorIndexes(matrix);
        var columns = new double[indexes.Length][];
        for (var d = 0; d < columns.Length; d++)
        {
            if (_events.InMemory(indexes[d]) is not { } column)
            {
                return null;
            }

            columns[d] = column;
        }

        return columns;
    }

    /// <summary>The matrix's detector columns as floats when every one's scale values are its floats widened; else null.</summary>
    private float[][]? WidenedDetectorColumns(CompensationMatrix matrix)
    {
        var indexes = DetectorIndexes(matrix);
        var columns = new float[indexes.Length][];
        for (var d = 0; d < columns.Length; d++)
        {
            if (_events.Widened(indexes[d]) is not { } column)
            {
                return null;
            }

            columns[d] = column;
        }

        return columns;
    }

    private void ReadDetectors(CompensationMatrix matrix, int first, int count, double[][] buffers)
    {
        var indexes = DetectorIndexes(matrix);
        for (var d = 0; d < indexes.Length; d++)
        {
            _events.ReadBlock(indexes[d], first, buffers[d].AsSpan(0, count));
        }
    }

    private int[] DetectorIndexes(CompensationMatrix matrix)
    {
        if (_detectorIndexes.TryGetValue(matrix, out var cached))
        {
            return cached;
        }

        var indexes = new int[matrix.Detectors.Count];
        for (var d = 0; d < indexes.Length; d++)
        {
            indexes[d] = _events.Find(matrix.Detectors[d]);
            if (indexes[d] < 0)
            {
                throw new CompensationException("spillover matrix '" + matrix.Id + "' names channel '" + matrix.Detectors[d]
                    + "', which the file does not have (parameters: " + string.Join(", ", _events.Names) + ")");
            }
        }

        _detectorIndexes[matrix] = indexes;
        return indexes;
    }

    private static double[][] Buffers(int count, int length)
    {
        var buffers = new double[count][];
        for (var i = 0; i < count; i++)
        {
            buffers[i] = SampleBuffers.Doubles(length);
        }

        return buffers;
    }

    /// <summary>A dimension's (or a parameter's scale) values for block <see cref="Block"/>; <see cref="Done"/> blocks were computed into <see cref="Buffer"/>.</summary>
    private sealed class BlockValues
    {
        public ReadOnlyMemory<double> Values { get; set; }

        public double[]? Buffer { get; set; }

        public int Block { get; set; } = -1;

        public int Done { get; set; }
    }

    /// <summary>One matrix's unmixing terms, its outputs (whole-file columns) and, when detector columns are read block by block, their buffers.</summary>
    private sealed class BlockUnmixing(CompensationTerms terms, double[][] outputs, double[][]? detectors)
    {
        public CompensationTerms Terms { get; } = terms;

        public double[][] Outputs { get; } = outputs;

        public double[][]? Detectors { get; } = detectors;

        public int Block { get; set; } = -1;

        public int Done { get; set; }
    }

    /// <summary>A quadrant divider's split of block <see cref="Block"/>.</summary>
    private sealed class BlockIntervals
    {
        public ulong[][]? Words { get; set; }

        public int Block { get; set; } = -1;
    }

    /// <summary>Where a channel's values come from: fluorochrome <see cref="Fluorochrome"/> of <see cref="Matrix"/>, or else parameter <see cref="Column"/> uncompensated.</summary>
    private sealed record ChannelSource(CompensationMatrix? Matrix, int Fluorochrome, int Column);
}
