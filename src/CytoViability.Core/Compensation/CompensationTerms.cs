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
    /// <summary>Events unmixed at a time.</summary>
    private const int Block = 32;

    /// <summary>Up to this many detector columns, a block's values (8 KiB per 32 detectors) sit on the stack.</summary>
    private const int MaximumStackDetectors = 64;

    // Flattened terms: output k uses terms _termEnd[k−1].._termEnd[k]−1, each a detector (an index into the detector
    // columns, each listed once however many outputs use it) and its weight.
    private readonly double[] _weights;
    private readonly Vector256<double>[] _weightLanes;
    private readonly int[] _termEnd;
    private readonly int[] _termDetector;

    // The detector columns the terms read: float (see the float constructor) or float64, the other null.
    private readonly float[][]? _floatDetectors;
    private readonly double[][]? _doubleDetectors;

    public CompensationTerms(CompensationMatrix matrix, double[][] detectors, IReadOnlyList<int> fluorochromes)
        : this(matrix, (Array[])detectors, fluorochromes)
    {
    }

    /// <summary>
    /// Terms over float detector columns whose values, widened to float64, are the detector values (a data set's
    /// float columns with no gain or log scaling: <see cref="Fcs.FcsDataSet.WidenedColumn"/>). Widening is exact, so
    /// the outputs equal those from the float64 columns bit for bit, with no float64 copy of the whole columns.
    /// </summary>
    public CompensationTerms(CompensationMatrix matrix, float[][] detectors, IReadOnlyList<int> fluorochromes)
        : this(matrix, (Array[])detectors, fluorochromes)
    {
    }

    private CompensationTerms(CompensationMatrix matrix, Array[] detectors, IReadOnlyList<int> fluorochromes)
    {
        Fluorochromes = [.. fluorochromes];
        var unmixing = matrix.Unmixing();
        var used = new List<Array>();
        var termDetector = new List<int>();
        var weights = new List<double>();
        _termEnd = new int[Fluorochromes.Count];
        for (var k = 0; k < _termEnd.Length; k++)
        {
            for (var d = 0; d < detectors.Length; d++)
            {
                var weight = unmixing[d, Fluorochromes[k]];
                if (weight != 0)
                {
                    var at = used.IndexOf(detectors[d]);
                    if (at < 0)
                    {
                        at = used.Count;
                        used.Add(detectors[d]);
                    }

                    termDetector.Add(at);
                    weights.Add(weight);
                }
            }

            _termEnd[k] = termDetector.Count;
        }

        if (detectors is float[][])
        {
            _floatDetectors = [.. used.Cast<float[]>()];
        }
        else
        {
            _doubleDetectors = [.. used.Cast<double[]>()];
        }

        _termDetector = [.. termDetector];
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
    /// <paramref name="first"/> + i of the detector columns, for <paramref name="count"/> events.
    /// </summary>
    /// <remarks>
    /// 32 events at a time: the block's values of every detector used are put once into a small float64 block on the
    /// stack (float columns widened, exactly; float64 ones copied), then every output is summed from there, each with
    /// eight independent sums in registers, enough to hide the add latency (four measurably were not). Widening
    /// costs more than the multiply and add it feeds, and a detector serves every output that unmixes it (three of
    /// the ADCC template's: 24 terms over 8 detectors), so widening each detector once instead of once per term took
    /// a fifth off this step.
    /// </remarks>
    public void Unmix(int first, int count, double[][] outputs, int outputFirst = 0)
    {
        var detectors = _floatDetectors?.Length ?? _doubleDetectors!.Length;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && count >= Block)
        {
            var rented = detectors > MaximumStackDetectors ? ArrayPool<double>.Shared.Rent(detectors * Block) : null;
            var block = rented is null ? stackalloc double[detectors * Block] : rented.AsSpan(0, detectors * Block);
            for (; i <= count - Block; i += Block)
            {
                FillBlock(first + i, block);
                SumBlock(block, outputs, (nuint)(outputFirst + i));
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
                    var detector = _termDetector[t];
                    var value = _floatDetectors is { } floats ? floats[detector][first + i] : _doubleDetectors![detector][first + i];
                    sum += value * _weights[t];
                }

                outputs[k][outputFirst + i] = sum;
            }
        }
    }

    /// <summary>Detector d's values of events <paramref name="first"/> .. +31, as float64, at d·32 of <paramref name="block"/>.</summary>
    private void FillBlock(int first, Span<double> block)
    {
        ref var target = ref MemoryMarshal.GetReference(block);
        var source = (nuint)first;
        if (_floatDetectors is { } floats)
        {
            for (var d = 0; d < floats.Length; d++)
            {
                ref var column = ref MemoryMarshal.GetArrayDataReference(floats[d]);
                var at = (nuint)(d * Block);
                var (value0, value1) = Vector256.Widen(Vector256.LoadUnsafe(ref column, source));
                var (value2, value3) = Vector256.Widen(Vector256.LoadUnsafe(ref column, source + 8));
                var (value4, value5) = Vector256.Widen(Vector256.LoadUnsafe(ref column, source + 16));
                var (value6, value7) = Vector256.Widen(Vector256.LoadUnsafe(ref column, source + 24));
                StoreEight(ref target, at, value0, value1, value2, value3, value4, value5, value6, value7);
            }

            return;
        }

        var doubles = _doubleDetectors!;
        for (var d = 0; d < doubles.Length; d++)
        {
            doubles[d].AsSpan(first, Block).CopyTo(block.Slice(d * Block, Block));
        }
    }

    /// <summary>Every output's sums over its terms for the 32 events whose detector values are in <paramref name="block"/>.</summary>
    private void SumBlock(Span<double> block, double[][] outputs, nuint target)
    {
        ref var values = ref MemoryMarshal.GetReference(block);
        ref var firstWeight = ref MemoryMarshal.GetArrayDataReference(_weightLanes);
        ref var firstDetector = ref MemoryMarshal.GetArrayDataReference(_termDetector);
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
                sum0 += Vector256.LoadUnsafe(ref values, at) * weight;
                sum1 += Vector256.LoadUnsafe(ref values, at + 4) * weight;
                sum2 += Vector256.LoadUnsafe(ref values, at + 8) * weight;
                sum3 += Vector256.LoadUnsafe(ref values, at + 12) * weight;
                sum4 += Vector256.LoadUnsafe(ref values, at + 16) * weight;
                sum5 += Vector256.LoadUnsafe(ref values, at + 20) * weight;
                sum6 += Vector256.LoadUnsafe(ref values, at + 24) * weight;
                sum7 += Vector256.LoadUnsafe(ref values, at + 28) * weight;
            }

            StoreEight(ref MemoryMarshal.GetArrayDataReference(outputs[k]), target, sum0, sum1, sum2, sum3, sum4, sum5, sum6, sum7);
        }
    }

    /// <summary>Eight vectors, 32 values, written in order from <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreEight(ref double target, nuint at, Vector256<double> v0, Vector256<double> v1, Vector256<double> v2, Vector256<double> v3, Vector256<double> v4, Vector256<double> v5, Vector256<double> v6, Vector256<double> v7)
    {
        v0.StoreUnsafe(ref target, at);
        v1.StoreUnsafe(ref target, at + 4);
        v2.StoreUnsafe(ref target, at + 8);
        v3.StoreUnsafe(ref target, at + 12);
        v4.StoreUnsafe(ref target, at + 16);
        v5.StoreUnsafe(ref target, at + 20);
        v6.StoreUnsafe(ref target, at + 24);
        v7.StoreUnsafe(ref target, at + 28);
    }
}
