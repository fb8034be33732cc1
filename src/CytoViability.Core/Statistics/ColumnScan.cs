using System.Numerics;
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
        var i = 0;
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        var nonFinite = 0L;
        double sum = 0, compensation = 0;

        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count)
        {
            ScanVectors(values, out i, out min, out max, out nonFinite, out sum, out compensation);
        }

        for (; i < values.Length; i++)
        {
            var value = values[i];
            if (!float.IsFinite(value))
            {
                nonFinite++;
                continue;
            }

            min = Math.Min(min, value);
            max = Math.Max(max, value);
            AddCompensated(ref sum, ref compensation, value);
        }

        var finite = values.Length - nonFinite;
        return finite == 0
            ? new ColumnExtent(0, nonFinite, double.NaN, double.NaN, 0)
            : new ColumnExtent(finite, nonFinite, min, max, sum + compensation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddCompensated(ref double sum, ref double compensation, double value)
    {
        var total = sum + value;
        compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - total) + value : (value - total) + sum;
        sum = total;
    }

    private static void ScanVectors(
        ReadOnlySpan<float> values,
        out int next,
        out float min,
        out float max,
        out long nonFinite,
        out double sum,
        out double compensation)
    {
        ref var start = ref MemoryMarshal.GetReference(values);
        var infinity = Vector256.Create(float.PositiveInfinity);
        var minimum = infinity;
        var maximum = -infinity;
        var nonFiniteLanes = Vector256<int>.Zero;
        Vector256<double> sumLow = Vector256<double>.Zero, sumHigh = Vector256<double>.Zero;
        Vector256<double> carryLow = Vector256<double>.Zero, carryHigh = Vector256<double>.Zero;

        var last = values.Length - Vector256<float>.Count;
        var i = 0;
        for (; i <= last; i += Vector256<float>.Count)
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

        min = float.PositiveInfinity;
        max = float.NegativeInfinity;
        nonFinite = 0;
        sum = 0;
        compensation = 0;
        for (var lane = 0; lane < Vector256<float>.Count; lane++)
        {
            min = Math.Min(min, minimum[lane]);
            max = Math.Max(max, maximum[lane]);
            nonFinite += nonFiniteLanes[lane];
        }

        for (var lane = 0; lane < Vector256<double>.Count; lane++)
        {
            AddCompensated(ref sum, ref compensation, sumLow[lane]);
            AddCompensated(ref sum, ref compensation, sumHigh[lane]);
            compensation += carryLow[lane] + carryHigh[lane];
        }

        next = i;
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
