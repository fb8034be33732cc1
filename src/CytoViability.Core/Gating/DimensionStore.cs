using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CytoViability.Core.Compensation;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Gating;

/// <summary>
/// Computes each (channel, compensation, transform) dimension of one file once and keeps it: compensated
/// columns per matrix, then transformed columns.
/// </summary>
internal sealed class DimensionStore
{
    private readonly GatingStrategy _strategy;
    private readonly EventColumns _events;
    private readonly CompensationMatrix? _fileSpillover;
    private readonly Dictionary<GateDimension, double[]> _values = [];
    private readonly Dictionary<(QuadrantGate Gate, string DividerId), Bitset[]> _intervals = [];
    private readonly Dictionary<GateDimension, Bitset> _finite = [];
    private readonly Dictionary<(CompensationMatrix Matrix, int Fluorochrome), double[]> _compensated = [];
    private readonly Dictionary<CompensationMatrix, double[][]> _detectorColumns = [];

    public DimensionStore(GatingStrategy strategy, EventColumns events, CompensationMatrix? fileSpillover)
    {
        _strategy = strategy;
        _events = events;
        _fileSpillover = fileSpillover;
    }

    public EventColumns Events => _events;

    public GatingStrategy Strategy => _strategy;

    /// <summary>Compensated, transformed values of <paramref name="dimension"/>, one per event.</summary>
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
            result = GC.AllocateUninitializedArray<double>(untransformed.Length);
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

    /// <summary>Whether reading <paramref name="dimension"/> would mean transforming a whole column first.</summary>
    public bool NeedsTransform(GateDimension dimension) => dimension.TransformId is not null && !_values.ContainsKey(dimension);

    /// <summary>
    /// The values of <paramref name="dimension"/> for the events of <paramref name="events"/> only, in event order,
    /// into <paramref name="destination"/> (one per event of the set). A column not yet transformed is not: only
    /// these events are, so a gate under a small parent pays for its parent's events alone.
    /// </summary>
    public void Gather(GateDimension dimension, Bitset events, Span<double> destination)
    {
        var transform = NeedsTransform(dimension) ? _strategy.Transform(dimension.TransformId!) : null;
        var source = transform is null ? Values(dimension) : Values(dimension with { TransformId = null });
        var count = 0;
        var words = events.Words;
        for (var w = 0; w < words.Length; w++)
        {
            for (var word = words[w]; word != 0; word &= word - 1)
            {
                destination[count++] = source[(w << 6) + BitOperations.TrailingZeroCount(word)];
            }
        }

        transform?.Forward(destination, destination);
    }

    /// <summary>
    /// region &amp;= (low ≤ value &lt; high) on <paramref name="dimension"/>, as <see cref="GateKernels.Range"/>. On an
    /// increasing transform whose column is not already at hand, the bounds are compared on the data axis instead,
    /// which needs the transform only for the few events next to a bound's pre-image.
    /// </summary>
    public void Range(GateDimension dimension, double? min, double? max, Bitset region)
    {
        if (NeedsTransform(dimension) && _strategy.Transform(dimension.TransformId!) is IIncreasingTransform increasing)
        {
            var data = Values(dimension with { TransformId = null });
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

        GateKernels.Range(Values(dimension), min, max, region);
    }

    /// <summary>
    /// Notes that the events of <paramref name="kept"/> are finite on <paramref name="dimension"/>: what a
    /// rectangle, quadrant or polygon gate keeps always is, so a boolean gate built on it need not test them again.
    /// </summary>
    public void KeptFinite(GateDimension dimension, Bitset kept)
    {
        if (_finite.TryGetValue(dimension, out var known))
        {
            known.OrWith(kept);
        }
        else
        {
            _finite[dimension] = kept.Clone();
        }
    }

    /// <summary>region &amp;= events finite on <paramref name="dimension"/>; only those not already known finite are tested.</summary>
    public void Finite(GateDimension dimension, Bitset region)
    {
        if (!_finite.TryGetValue(dimension, out var known))
        {
            Range(dimension, null, null, region);
            return;
        }

        var unknown = region.Clone();
        unknown.AndNotWith(known);
        Range(dimension, null, null, unknown);
        region.AndWith(known);
        region.OrWith(unknown);
    }

    /// <summary>
    /// The events of <paramref name="parent"/> in each interval of <paramref name="divider"/>, then those finite on it
    /// (see <see cref="GateKernels.Intervals"/>): split once per quadrant gate and shared by its quadrants, which all
    /// have the same parent.
    /// </summary>
    public Bitset[] Intervals(QuadrantGate gate, QuadrantDivider divider, Bitset parent)
    {
        if (_intervals.TryGetValue((gate, divider.Id), out var cached))
        {
            return cached;
        }

        var dimension = divider.Dimension;
        var increasing = NeedsTransform(dimension) ? _strategy.Transform(dimension.TransformId!) as IIncreasingTransform : null;
        var data = increasing is null ? Values(dimension) : Values(dimension with { TransformId = null });
        var intervals = new Bitset[divider.Values.Count + 2];
        for (var i = 0; i < intervals.Length; i++)
        {
            intervals[i] = new Bitset(parent.Length);
        }

        GateKernels.Intervals(data, increasing, divider.Values, parent, intervals);
        _intervals[(gate, divider.Id)] = intervals;
        return intervals;
    }

    private double[] Ratio(RatioDimension dimension)
    {
        var ratio = _strategy.Ratio(dimension.RatioId);
        var numerator = Compensated(ratio.Numerator, dimension.Compensation);
        var denominator = Compensated(ratio.Denominator, dimension.Compensation);
        var result = GC.AllocateUninitializedArray<double>(numerator.Length);
        ratio.Apply(numerator, denominator, result);
        return result;
    }

    private double[] Compensated(string channel, CompensationReference compensation)
    {
        var matrix = compensation.Source switch
        {
            CompensationSource.File => _fileSpillover,
            CompensationSource.Matrix => _strategy.Matrix(compensation.MatrixId!),
            _ => null,
        };

        if (matrix is not null)
        {
            var fluorochrome = matrix.IndexOf(channel);
            if (fluorochrome >= 0)
            {
                return Compensate(matrix, fluorochrome);
            }
        }

        var index = _events.Find(channel);
        if (index < 0)
        {
            throw new GateReferenceException("channel '" + channel + "' is not a parameter of the file (no $PnN or $PnS of that name)");
        }

        return _events.Column(index);
    }

    /// <summary>
    /// The compensated column of one fluorochrome. The first request for a matrix computes every fluorochrome the
    /// strategy reads through it in one blocked pass, so each detector column is read once per file.
    /// </summary>
    private double[] Compensate(CompensationMatrix matrix, int fluorochrome)
    {
        if (_compensated.TryGetValue((matrix, fluorochrome), out var cached))
        {
            return cached;
        }

        var wanted = new List<int> { fluorochrome };
        foreach (var name in _strategy.CompensatedChannels)
        {
            var index = matrix.IndexOf(name);
            if (index >= 0 && !wanted.Contains(index) && !_compensated.ContainsKey((matrix, index)))
            {
                wanted.Add(index);
            }
        }

        var detectors = DetectorColumns(matrix);
        var unmixing = matrix.Unmixing();
        var outputs = new double[wanted.Count][];
        var weights = new double[wanted.Count][];
        for (var k = 0; k < wanted.Count; k++)
        {
            outputs[k] = GC.AllocateUninitializedArray<double>(_events.EventCount);
            weights[k] = new double[detectors.Length];
            for (var d = 0; d < detectors.Length; d++)
            {
                weights[k][d] = unmixing[d, wanted[k]];
            }
        }

        Unmix(detectors, weights, outputs);
        for (var k = 0; k < wanted.Count; k++)
        {
            _compensated[(matrix, wanted[k])] = outputs[k];
        }

        return outputs[0];
    }

    /// <summary>
    /// outputs[k][e] = Σ_d detectors[d][e]·weights[k][d] over the non-zero weights (so a NaN or ∞ in a detector
    /// the output does not use cannot leak in), summed in detector order. Sixteen events at a time: all outputs are
    /// computed before moving on, so the sixteen events' detector values are read from memory once and from L1
    /// after that, and each output keeps four independent sums in registers to hide the add latency.
    /// </summary>
    private static void Unmix(double[][] detectors, double[][] weights, double[][] outputs)
    {
        var count = outputs[0].Length;

        // Flattened terms: output k uses terms termEnd[k−1]..termEnd[k]−1, each a detector column and its weight.
        var termColumns = new List<double[]>();
        var termWeights = new List<double>();
        var termEnd = new int[outputs.Length];
        for (var k = 0; k < outputs.Length; k++)
        {
            for (var d = 0; d < detectors.Length; d++)
            {
                if (weights[k][d] != 0)
                {
                    termColumns.Add(detectors[d]);
                    termWeights.Add(weights[k][d]);
                }
            }

            termEnd[k] = termColumns.Count;
        }

        var columns = termColumns.ToArray();
        var scalars = termWeights.ToArray();
        var e = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vectors = new Vector256<double>[scalars.Length];
            for (var t = 0; t < vectors.Length; t++)
            {
                vectors[t] = Vector256.Create(scalars[t]);
            }

            for (; e <= count - 16; e += 16)
            {
                var offset = (nuint)e;
                var t = 0;
                for (var k = 0; k < outputs.Length; k++)
                {
                    var sum0 = Vector256<double>.Zero;
                    var sum1 = Vector256<double>.Zero;
                    var sum2 = Vector256<double>.Zero;
                    var sum3 = Vector256<double>.Zero;
                    for (; t < termEnd[k]; t++)
                    {
                        ref var column = ref MemoryMarshal.GetArrayDataReference(columns[t]);
                        var weight = vectors[t];
                        sum0 += Vector256.LoadUnsafe(ref column, offset) * weight;
                        sum1 += Vector256.LoadUnsafe(ref column, offset + 4) * weight;
                        sum2 += Vector256.LoadUnsafe(ref column, offset + 8) * weight;
                        sum3 += Vector256.LoadUnsafe(ref column, offset + 12) * weight;
                    }

                    ref var output = ref MemoryMarshal.GetArrayDataReference(outputs[k]);
                    sum0.StoreUnsafe(ref output, offset);
                    sum1.StoreUnsafe(ref output, offset + 4);
                    sum2.StoreUnsafe(ref output, offset + 8);
                    sum3.StoreUnsafe(ref output, offset + 12);
                }
            }
        }

        for (; e < count; e++)
        {
            var t = 0;
            for (var k = 0; k < outputs.Length; k++)
            {
                var sum = 0.0;
                for (; t < termEnd[k]; t++)
                {
                    sum += columns[t][e] * scalars[t];
                }

                outputs[k][e] = sum;
            }
        }
    }

    private double[][] DetectorColumns(CompensationMatrix matrix)
    {
        if (_detectorColumns.TryGetValue(matrix, out var cached))
        {
            return cached;
        }

        var columns = new double[matrix.Detectors.Count][];
        for (var d = 0; d < columns.Length; d++)
        {
            var index = _events.Find(matrix.Detectors[d]);
            if (index < 0)
            {
                throw new CompensationException("spillover matrix '" + matrix.Id + "' names channel '" + matrix.Detectors[d]
                    + "', which the file does not have (parameters: " + string.Join(", ", _events.Names) + ")");
            }

            columns[d] = _events.Column(index);
        }

        _detectorColumns[matrix] = columns;
        return columns;
    }
}
