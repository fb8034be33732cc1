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
    /// Non-finite values are not counted as events.
    /// </summary>
    public static EdgeEventCounts Compute(ReadOnlySpan<float> values, double range)
    {
        var saturation = range - 1;
        long events = 0;
        long atMaximum = 0;
        long atMinimum = 0;
        var minimum = float.PositiveInfinity;
        foreach (var value in values)
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
}
