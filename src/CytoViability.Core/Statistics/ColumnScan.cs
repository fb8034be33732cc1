using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CytoViability.Core.Statistics;

/// <summary>
/// One pass over a channel's raw values: min, max and sum of the finite values and how many were NaN or ±∞
/// (what <c>inspect --stats</c> shows per channel). Eight floats per step with <see cref="Vector256"/> where the
/// hardware has it, the same scalar rules otherwise.
/// </summary>
/// <remarks>
/// Min, max and the counts are exactly those of a plain loop. The sum is accumulated in double, eight lanes at a
/// time with Neumaier compensation, then the lanes are added in a fixed order: it is deterministic, and its error
/// against the exact (infinitely precise) sum of the floats stays within a few units in the last place of a double,
/// far below what a float32 event can express; a plain sequential double loop is no more exact than that.
/// </remarks>
internal static class ColumnScan
{
    public static ColumnExtent Scan(ReadOnlySpan<float> values)
    {
        var scanner = new ColumnScanner();
        scanner.Add(values);
        return scanner.Extent();
    }
}

/// <summary>
/// <see cref="ColumnScan"/> fed a slice at a time, so a channel can be summarised while DATA streams through a
/// small buffer and never exists as a whole column. Value k of the channel always lands in vector lane k mod 8,
/// whatever the slice lengths (up to seven values wait for the next slice), and the last values go through the
/// scalar rule after the lanes are combined: the extent is bit for bit the one a single scan of the whole column
/// gives, so the mean printed does not depend on how the file was read.
/// </summary>
internal sealed class ColumnScanner
{
    private const int Lanes = 8;

    private readonly float[] _waiting = new float[Lanes];
    private int _waitingCount;
    private long _count;

    private Vector256<float> _minimum = Vector256.Create(float.PositiveInfinity);
    private Vector256<float> _maximum = Vector256.Create(float.NegativeInfinity);
    private Vector256<long> _nonFiniteLanes;
    private Vector256<double> _sumLow, _sumHigh, _carryLow, _carryHigh;

    // The scalar rule's state: used throughout without vector hardware, else for the last values only.
    private float _scalarMin = float.PositiveInfinity;
    private float _scalarMax = float.NegativeInfinity;
    private long _scalarNonFinite;
    private double _scalarSum, _scalarCompensation;

    private static bool Vectorised => Vector256.IsHardwareAccelerated && Vector256<float>.Count == Lanes;

    /// <summary>Values the scanner has been given.</summary>
    public long Count => _count;

    /// <summary>Adds the next values of the channel, in event order.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        _count += values.Length;
        if (!Vectorised)
        {
            ScanScalar(values, ref _scalarMin, ref _scalarMax, ref _scalarNonFinite, ref _scalarSum, ref _scalarCompensation);
            return;
        }

        if (_waitingCount > 0)
        {
            var taken = Math.Min(Lanes - _waitingCount, values.Length);
            values[..taken].CopyTo(_waiting.AsSpan(_waitingCount));
            _waitingCount += taken;
            values = values[taken..];
            if (_waitingCount < Lanes)
            {
                return;
            }

            ScanVectors(_waiting);
            _waitingCount = 0;
        }

        var whole = values.Length - (values.Length % Lanes);
        ScanVectors(values[..whole]);
        values[whole..].CopyTo(_waiting);
        _waitingCount = values.Length - whole;
    }

    /// <summary>The extent of every value added so far.</summary>
    public ColumnExtent Extent()
    {
        var min = _scalarMin;
        var max = _scalarMax;
        var nonFinite = _scalarNonFinite;
        var sum = _scalarSum;
        var compensation = _scalarCompensation;
        if (Vectorised)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                min = Math.Min(min, _minimum[lane]);
                max = Math.Max(max, _maximum[lane]);
            }

            nonFinite += Vector256.Sum(_nonFiniteLanes);
            for (var lane = 0; lane < Vector256<double>.Count; lane++)
            {
                AddCompensated(ref sum, ref compensation, _sumLow[lane]);
                AddCompensated(ref sum, ref compensation, _sumHigh[lane]);
                compensation += _carryLow[lane] + _carryHigh[lane];
            }

            ScanScalar(_waiting.AsSpan(0, _waitingCount), ref min, ref max, ref nonFinite, ref sum, ref compensation);
        }

        var finite = _count - nonFinite;
        return finite == 0
            ? new ColumnExtent(0, nonFinite, double.NaN, double.NaN, 0)
            : new ColumnExtent(finite, nonFinite, min, max, sum + compensation);
    }

    private static void ScanScalar(ReadOnlySpan<float> values, ref float min, ref float max, ref long nonFinite, ref double sum, ref double compensation)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                nonFinite++;
                continue;
            }

            min = Math.Min(min, value);
            max = Math.Max(max, value);
            AddCompensated(ref sum, ref compensation, value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddCompensated(ref double sum, ref double compensation, double value)
    {
        var total = sum + value;
        compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - total) + value : (value - total) + sum;
        sum = total;
    }

    /// <summary>Whole vectors only: <paramref name="values"/> holds a multiple of eight values.</summary>
    private void ScanVectors(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        ref var start = ref MemoryMarshal.GetReference(values);
        var infinity = Vector256.Create(float.PositiveInfinity);
        var minimum = _minimum;
        var maximum = _maximum;
        var nonFiniteLanes = Vector256<int>.Zero;
        var sumLow = _sumLow;
        var sumHigh = _sumHigh;
        var carryLow = _carryLow;
        var carryHigh = _carryHigh;

        for (var i = 0; i < values.Length; i += Lanes)
        {
            var v = Vector256.LoadUnsafe(ref start, (nuint)i);

            // |v| < ∞ is false for NaN and ±∞ alike: one compare finds every value a plain loop would skip.
            var finite = Vector256.LessThan(Vector256.Abs(v), infinity);
            nonFiniteLanes += Vector256.AsInt32(~finite) & Vector256<int>.One;
            minimum = Vector256.Min(minimum, Vector256.ConditionalSelect(finite, v, infinity));
            maximum = Vector256.Max(maximum, Vector256.ConditionalSelect(finite, v, -infinity));

            var kept = v & finite;
            var (low, high) = Vector256.Widen(kept);
            AddCompensated(ref sumLow, ref carryLow, low);
            AddCompensated(ref sumHigh, ref carryHigh, high);
        }

        // Lane counts are summed per call in 32 bits (at most a slice's length / 8) and kept in 64.
        var (countLow, countHigh) = Vector256.Widen(nonFiniteLanes);
        _nonFiniteLanes += countLow + countHigh;
        _minimum = minimum;
        _maximum = maximum;
        _sumLow = sumLow;
        _sumHigh = sumHigh;
        _carryLow = carryLow;
        _carryHigh = carryHigh;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddCompensated(ref Vector256<double> sum, ref Vector256<double> compensation, Vector256<double> value)
    {
        var total = sum + value;
        var sumIsLarger = Vector256.GreaterThanOrEqual(Vector256.Abs(sum), Vector256.Abs(value));
        var lost = Vector256.ConditionalSelect(sumIsLarger, (sum - total) + value, (value - total) + sum);
        compensation += lost;
        sum = total;
    }
}

/// <summary>What <see cref="ColumnScan"/> found in one channel.</summary>
/// <param name="FiniteCount">Values that are finite numbers.</param>
/// <param name="NonFiniteCount">NaN, +∞ and −∞ values, left out of everything else.</param>
/// <param name="Minimum">Smallest finite value; NaN when there is none.</param>
/// <param name="Maximum">Largest finite value; NaN when there is none.</param>
/// <param name="Sum">Sum of the finite values.</param>
internal readonly record struct ColumnExtent(long FiniteCount, long NonFiniteCount, double Minimum, double Maximum, double Sum)
{
    /// <summary>Mean of the finite values; NaN when there is none.</summary>
    public double Mean => FiniteCount == 0 ? double.NaN : Sum / FiniteCount;
}
