using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CytoViability.Core.Statistics;

/// <summary>
/// How many events of a channel sit at its edges: at or above the saturation value (FACSDiva writes $PnR − 1 for
/// a saturated detector) and at the lowest value present (integer exports pile events up at channel 0).
/// </summary>
internal sealed record EdgeEventCounts(long EventCount, long AtMaximum, long AtMinimum)
{
    public double FractionAtMaximum => EventCount == 0 ? double.NaN : (double)AtMaximum / EventCount;

    public double FractionAtMinimum => EventCount == 0 ? double.NaN : (double)AtMinimum / EventCount;

    /// <summary>
    /// Counts events ≥ <paramref name="range"/> − 1 (the channel's $PnR) and events equal to the smallest value.
    /// Non-finite values are not counted as events. Eight values per step with <see cref="Vector256"/> where the
    /// hardware has it (every lane keeps its own minimum and how often it occurred), the same counts as the scalar
    /// rule for the rest.
    /// </summary>
    public static EdgeEventCounts Compute(ReadOnlySpan<float> values, double range)
    {
        var saturation = range - 1;
        long events = 0;
        long atMaximum = 0;
        long atMinimum = 0;
        var minimum = float.PositiveInfinity;
        var whole = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count)
        {
            whole = values.Length - (values.Length % Vector256<float>.Count);
            CountVectors(values[..whole], AtLeast(saturation), ref events, ref atMaximum, ref minimum, ref atMinimum);
        }

        foreach (var value in values[whole..])
        {
            if (!float.IsFinite(value))
            {
                continue;
            }

            events++;
            if (value >= saturation)
            {
                atMaximum++;
            }

            if (value < minimum)
            {
                minimum = value;
                atMinimum = 1;
            }
            else if (value == minimum)
            {
                atMinimum++;
            }
        }

        return new EdgeEventCounts(events, atMaximum, atMinimum);
    }

    /// <summary>The smallest float that is ≥ <paramref name="bound"/> as a double, so float comparisons give the double rule's answer.</summary>
    private static float AtLeast(double bound)
    {
        var nearest = (float)bound;
        return nearest < bound ? MathF.BitIncrement(nearest) : nearest;
    }

    private static void CountVectors(ReadOnlySpan<float> values, float saturation, ref long events, ref long atMaximum, ref float minimum, ref long atMinimum)
    {
        var threshold = Vector256.Create(saturation);
        var infinity = Vector256.Create(float.PositiveInfinity);
        var one = Vector256<int>.One;
        var finiteLanes = Vector256<int>.Zero;
        var saturatedLanes = Vector256<int>.Zero;
        var laneMinimum = infinity;
        var laneAtMinimum = Vector256<int>.Zero;
        ref var first = ref MemoryMarshal.GetReference(values);
        for (var i = 0; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var value = Vector256.LoadUnsafe(ref first, (nuint)i);

            // x − x is 0 for every finite x and NaN for NaN and ±∞; the masks are −1 where true.
            var finite = Vector256.Equals(value - value, Vector256<float>.Zero);
            finiteLanes -= finite.AsInt32();
            saturatedLanes -= (Vector256.GreaterThanOrEqual(value, threshold) & finite).AsInt32();
            var candidate = Vector256.ConditionalSelect(finite, value, infinity);
            var below = Vector256.LessThan(candidate, laneMinimum);
            var equal = Vector256.Equals(candidate, laneMinimum) & finite;
            laneAtMinimum = Vector256.ConditionalSelect(below.AsInt32(), one, laneAtMinimum - equal.AsInt32());
            laneMinimum = Vector256.ConditionalSelect(below, candidate, laneMinimum);
        }

        for (var lane = 0; lane < Vector256<float>.Count; lane++)
        {
            events += finiteLanes[lane];
            atMaximum += saturatedLanes[lane];
            minimum = Math.Min(minimum, laneMinimum[lane]);
        }

        for (var lane = 0; lane < Vector256<float>.Count; lane++)
        {
            if (laneAtMinimum[lane] > 0 && laneMinimum[lane] == minimum)
            {
                atMinimum += laneAtMinimum[lane];
            }
        }
    }
}
