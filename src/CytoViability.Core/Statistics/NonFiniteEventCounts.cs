using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CytoViability.Core.Statistics;

/// <summary>
/// Events holding NaN or ±∞ in the channels a template reads: such an event fails every gate on that channel yet
/// still counts in the file's total, so percentages drop without the data saying why.
/// </summary>
internal sealed record NonFiniteEventCounts(long EventCount, long Events, IReadOnlyList<(string Channel, long Count)> PerChannel)
{
    /// <summary>Counts, per channel and over the events (an event with several non-finite channels counts once).</summary>
    public static NonFiniteEventCounts Compute(IReadOnlyList<string> channels, Func<string, float[]> column)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(column);
        var perChannel = new List<(string, long)>(channels.Count);
        bool[]? flagged = null;
        long events = 0;
        var eventCount = 0L;
        foreach (var channel in channels)
        {
            var values = column(channel);
            eventCount = values.Length;

            // Almost every file has none: one vectorised count finds out, and only a channel with some is walked event by event.
            var count = values.Length - FiniteCount(values);
            if (count > 0)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    if (float.IsFinite(values[i]))
                    {
                        continue;
                    }

                    flagged ??= new bool[values.Length];
                    if (!flagged[i])
                    {
                        flagged[i] = true;
                        events++;
                    }
                }
            }

            perChannel.Add((channel, count));
        }

        return new NonFiniteEventCounts(eventCount, events, perChannel);
    }

    private static long FiniteCount(ReadOnlySpan<float> values)
    {
        long finite = 0;
        var whole = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count)
        {
            whole = values.Length - (values.Length % Vector256<float>.Count);
            var lanes = Vector256<int>.Zero;
            ref var first = ref MemoryMarshal.GetReference(values);
            for (var i = 0; i < whole; i += Vector256<float>.Count)
            {
                // x − x is 0 for every finite x and NaN for NaN and ±∞; the mask is −1 where finite.
                var value = Vector256.LoadUnsafe(ref first, (nuint)i);
                lanes -= Vector256.Equals(value - value, Vector256<float>.Zero).AsInt32();
            }

            for (var lane = 0; lane < Vector256<int>.Count; lane++)
            {
                finite += lanes[lane];
            }
        }

        foreach (var value in values[whole..])
        {
            if (float.IsFinite(value))
            {
                finite++;
            }
        }

        return finite;
    }
}
