using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
namespace CytoViability.Core.Compensation;

/// <summary>
/// The one implementation of per-event unmixing (gating, statistics and `export` all compensate through it):
/// some fluorochromes of one matrix as sums over the detector columns, output k = Σ_d detector[d]·U[d, f_k] over the
/// non-zero weights only (so a NaN or ∞ in a detector the output does not use cannot leak in), summed in detector
/// order. Built once per file and matrix; <see cref="Unmix"/> then fills any run of events.
/// Values stay float64 here: the detector columns are the FCS scale values (float data divided by $PnG, or
/// log-decoded channel numbers), and gates compare the compensated values with Gating-ML bounds given as decimal
/// numbers, so an event on a bound must land on the same side as in the reference implementations; statistics
/// narrow each member value to float once, as they gather it (<see cref="Statistics.ChannelStatistics"/>).
/// </summary>
internal sealed class CompensationTerms
{
    /// <summary>Up to this many float detector columns, a block's widened values (8 KiB per 32 detectors) sit on the stack.</summary>
    private const int MaximumStackDetectors = 64;

    // Flattened terms: output k uses terms _termEnd[k−1].._termEnd[k]−1, each a detector column and its weight.
    private readonly double[][] _columns;
    private readonly double[] _weights;
    private readonly Vector256<double>[] _weightLanes;
    private readonly int[] _termEnd;

    // Float detector columns (see the float constructor), each once however many outputs use it, and per term the
    // index of its column there; else null.
    private readonly float[][]? _floatColumns;
    private readonly int[] _termDetector = [];

    public CompensationTerms(CompensationMatrix matrix, double[][] detectors, IReadOnlyList<int> fluorochromes)
        : this(matrix, (Array[])detectors, fluorochromes)
    {
    }

    /// <summary>
    /// Terms over float detector columns whose values, widened to float64, are the detector values (a data set's
    /// float columns with no gain or log scaling: <see cref="Fcs.FcsDataSet.WidenedColumn"/>). Widening is exact, so
    /// the outputs equal those from the float64 columns bit for bit; reading the floats in place saves writing and
    /// reading back a float64 copy of every detector block.
    /// </summary>
    public CompensationTerms(CompensationMatrix matrix, float[][] detectors, IReadOnlyList<int> fluorochromes)
        : this(matrix, (Array[])detectors, fluorochromes)
    {
    }

    private CompensationTerms(CompensationMatrix matrix, Array[] detectors, IReadOnlyList<int> fluorochromes)
    {
        Fluorochromes = [.. fluorochromes];
        var unmixing = matrix.Unmixing();
        var columns = new List<Array>();
        var weights = new List<double>();
        _termEnd = new int[Fluorochromes.Count];
        for (var k = 0; k < _termEnd.Length; k++)
        {
            for (var d = 0; d < detectors.Length; d++)
            {
                var weight = unmixing[d, Fluorochromes[k]];
                if (weight != 0)
                {
                    columns.Add(detectors[d]);
                    weights.Add(weight);
                }
            }

            _termEnd[k] = columns.Count;
        }

        if (detectors is float[][])
        {
            var used = new List<float[]>();
            _termDetector = new int[columns.Count];
            for (var t = 0; t < columns.Count; t++)
            {
                var column = (float[])columns[t];
                var at = used.IndexOf(column);
                if (at < 0)
                {
                    at = used.Count;
                    used.Add(column);
                }

                _termDetector[t] = at;
            }

            _floatColumns = [.. used];
            _columns = [];
        }
        else
        {
            _columns = [.. columns.Cast<double[]>()];
        }

        _weights = [.. weights];
        _weightLanes = new Vector256<double>[_weights.Length];
        for (var t = 0; t < _weights.Length; t++)
        {
            _weightLanes[t] = Vector256.Create(_weights[t]);
        }
    }

    /// <summary>
    /// Every fluorochrome of <paramref name="matrix"/>, computed from <paramref name="detectors"/> (the matrix's
    /// detector columns, in its order) into new whole columns, output f for fluorochrome f.
    /// </summary>
    public static double[][] UnmixAll(CompensationMatrix matrix, double[][] detectors)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(detectors);
        var fluorochromes = new int[matrix.Fluorochromes.Count];
        for (var f = 0; f < fluorochromes.Length; f++)
        {
            fluorochromes[f] = f;
        }

        var count = detectors.Length == 0 ? 0 : detectors[0].Length;
        var terms = new CompensationTerms(matrix, detectors, fluorochromes);
        var outputs = new double[fluorochromes.Length][];
        for (var f = 0; f < outputs.Length; f++)
        {
            outputs[f] = GC.AllocateUninitializedArray<double>(count);
        }

        terms.Unmix(0, count, outputs);
        return outputs;
    }

    /// <summary>The matrix rows (fluorochrome indices) computed, in output order.</summary>
    public IReadOnlyList<int> Fluorochromes { get; }

    /// <summary>
    /// outputs[k][<paramref name="outputFirst"/> + i] = compensated value of fluorochrome k for event
    /// <paramref name="first"/> + i of the detector columns, for <paramref name="count"/> events. 32 events at a time: all outputs are computed before moving on, so those
    /// events' detector values are read from memory once and from L1 after that, and each output keeps eight
    /// independent sums in registers, enough to hide the add latency (four measurably were not).
    /// </summary>
    public void Unmix(int first, int count, double[][] outputs, int outputFirst = 0)
    {
        if (_floatColumns is not null)
        {
            UnmixFloats(_floatColumns, first, count, outputs, outputFirst);
            return;
        }

        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var firstColumn = ref MemoryMarshal.GetArrayDataReference(_columns);
            ref var firstWeight = ref MemoryMarshal.GetArrayDataReference(_weightLanes);
            for (; i <= count - 32; i += 32)
            {
                var source = (nuint)(first + i);
                var target = (nuint)(outputFirst + i);
                var t = 0;
                for (var k = 0; k < outputs.Length; k++)
                {
                    var end = _termEnd[k];
                    var sum0 = Vector256<double>.Zero;
                    var sum1 = Vector256<double>.Zero;
                    var sum2 = Vector256<double>.Zero;
                    var sum3 = Vector256<double>.Zero;
                    var sum4 = Vector256<double>.Zero;
                    var sum5 = Vector256<double>.Zero;
                    var sum6 = Vector256<double>.Zero;
                    var sum7 = Vector256<double>.Zero;
                    for (; t < end; t++)
                    {
                        ref var column = ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref firstColumn, t));
                        var weight = Unsafe.Add(ref firstWeight, t);
                        sum0 += Vector256.LoadUnsafe(ref column, source) * weight;
                        sum1 += Vector256.LoadUnsafe(ref column, source + 4) * weight;
                        sum2 += Vector256.LoadUnsafe(ref column, source + 8) * weight;
                        sum3 += Vector256.LoadUnsafe(ref column, source + 12) * weight;
                        sum4 += Vector256.LoadUnsafe(ref column, source + 16) * weight;
                        sum5 += Vector256.LoadUnsafe(ref column, source + 20) * weight;
                        sum6 += Vector256.LoadUnsafe(ref column, source + 24) * weight;
                        sum7 += Vector256.LoadUnsafe(ref column, source + 28) * weight;
                    }

                    ref var output = ref MemoryMarshal.GetArrayDataReference(outputs[k]);
                    sum0.StoreUnsafe(ref output, target);
                    sum1.StoreUnsafe(ref output, target + 4);
                    sum2.StoreUnsafe(ref output, target + 8);
                    sum3.StoreUnsafe(ref output, target + 12);
                    sum4.StoreUnsafe(ref output, target + 16);
                    sum5.StoreUnsafe(ref output, target + 20);
                    sum6.StoreUnsafe(ref output, target + 24);
                    sum7.StoreUnsafe(ref output, target + 28);
                }
            }
        }

        for (; i < count; i++)
        {
            var t = 0;
            for (var k = 0; k < outputs.Length; k++)
            {
                var sum = 0.0;
                for (; t < _termEnd[k]; t++)
                {
                    sum += _columns[t][first + i] * _weights[t];
                }

                outputs[k][outputFirst + i] = sum;
            }
        }
    }

    /// <summary>
    /// <see cref="Unmix"/> over float detector columns: each block's values of every detector used are widened (exactly)
    /// once into a small float64 block, then every output is summed from there with the same operations in the same
    /// order as <see cref="Unmix"/>. Widening costs more than the multiply and add it feeds, and a detector serves
    /// every output that unmixes it (three of the ADCC template's: 24 terms over 8 detectors), so widening each
    /// detector once instead of once per term took a fifth off this step.
    /// </summary>
    private void UnmixFloats(float[][] columns, int first, int count, double[][] outputs, int outputFirst)
    {
        const int Block = 32;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && count >= Block)
        {
            var rented = columns.Length > MaximumStackDetectors ? ArrayPool<double>.Shared.Rent(columns.Length * Block) : null;
            var widened = rented is null ? stackalloc double[columns.Length * Block] : rented.AsSpan(0, columns.Length * Block);
            ref var block = ref MemoryMarshal.GetReference(widened);
            ref var firstWeight = ref MemoryMarshal.GetArrayDataReference(_weightLanes);
            ref var firstDetector = ref MemoryMarshal.GetArrayDataReference(_termDetector);
            for (; i <= count - Block; i += Block)
            {
                var source = (nuint)(first + i);
                var target = (nuint)(outputFirst + i);
                for (var d = 0; d < columns.Length; d++)
                {
                    ref var column = ref MemoryMarshal.GetArrayDataReference(columns[d]);
                    var at = (nuint)(d * Block);
                    var (value0, value1) = Vector256.Widen(Vector256.LoadUnsafe(ref column, source));
                    var (value2, value3) = Vector256.Widen(Vector256.LoadUnsafe(ref column, source + 8));
                    var (value4, value5) = Vector256.Widen(Vector256.LoadUnsafe(ref column, source + 16));
                    var (value6, value7) = Vector256.Widen(Vector256.LoadUnsafe(ref column, source + 24));
                    value0.StoreUnsafe(ref block, at);
                    value1.StoreUnsafe(ref block, at + 4);
                    value2.StoreUnsafe(ref block, at + 8);
                    value3.StoreUnsafe(ref block, at + 12);
                    value4.StoreUnsafe(ref block, at + 16);
                    value5.StoreUnsafe(ref block, at + 20);
                    value6.StoreUnsafe(ref block, at + 24);
                    value7.StoreUnsafe(ref block, at + 28);
                }

                var t = 0;
                for (var k = 0; k < outputs.Length; k++)
                {
                    var end = _termEnd[k];
                    var sum0 = Vector256<double>.Zero;
                    var sum1 = Vector256<double>.Zero;
                    var sum2 = Vector256<double>.Zero;
                    var sum3 = Vector256<double>.Zero;
                    var sum4 = Vector256<double>.Zero;
                    var sum5 = Vector256<double>.Zero;
                    var sum6 = Vector256<double>.Zero;
                    var sum7 = Vector256<double>.Zero;
                    for (; t < end; t++)
                    {
                        var at = (nuint)(Unsafe.Add(ref firstDetector, t) * Block);
                        var weight = Unsafe.Add(ref firstWeight, t);
                        sum0 += Vector256.LoadUnsafe(ref block, at) * weight;
                        sum1 += Vector256.LoadUnsafe(ref block, at + 4) * weight;
                        sum2 += Vector256.LoadUnsafe(ref block, at + 8) * weight;
                        sum3 += Vector256.LoadUnsafe(ref block, at + 12) * weight;
                        sum4 += Vector256.LoadUnsafe(ref block, at + 16) * weight;
                        sum5 += Vector256.LoadUnsafe(ref block, at + 20) * weight;
                        sum6 += Vector256.LoadUnsafe(ref block, at + 24) * weight;
                        sum7 += Vector256.LoadUnsafe(ref block, at + 28) * weight;
                    }

                    ref var output = ref MemoryMarshal.GetArrayDataReference(outputs[k]);
                    sum0.StoreUnsafe(ref output, target);
                    sum1.StoreUnsafe(ref output, target + 4);
                    sum2.StoreUnsafe(ref output, target + 8);
                    sum3.StoreUnsafe(ref output, target + 12);
                    sum4.StoreUnsafe(ref output, target + 16);
                    sum5.StoreUnsafe(ref output, target + 20);
                    sum6.StoreUnsafe(ref output, target + 24);
                    sum7.StoreUnsafe(ref output, target + 28);
                }
            }

            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        for (; i < count; i++)
        {
            var t = 0;
            for (var k = 0; k < outputs.Length; k++)
            {
                var sum = 0.0;
                for (; t < _termEnd[k]; t++)
                {
                    sum += (double)columns[_termDetector[t]][first + i] * _weights[t];
                }

                outputs[k][outputFirst + i] = sum;
            }
        }
    }
}
