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
            long count = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (float.IsFinite(values[i]))
                {
                    continue;
                }

                count++;
                flagged ??= new bool[values.Length];
                if (!flagged[i])
                {
                    flagged[i] = true;
                    events++;
                }
            }

            perChannel.Add((channel, count));
        }

        return new NonFiniteEventCounts(eventCount, events, perChannel);
    }
}
