namespace CytoViability.Core.Statistics;

/// <summary>
/// Events holding NaN or ±∞ in the channels a template reads: such an event fails every gate on that channel yet
/// still counts in the file's total, so percentages drop without the data saying why.
/// </summary>
internal sealed record NonFiniteEventCounts(long EventCount, long Events, IReadOnlyList<(string Channel, long Count)> PerChannel)
{
    /// <summary>
    /// Counts, per channel and over the events (an event with several non-finite channels counts once), given each
    /// channel's finite events (<paramref name="finite"/>, in the order of <paramref name="channels"/>; counted with its
    /// edges, <see cref="EdgeEventCounts.EventCount"/>).
    /// </summary>
    public static NonFiniteEventCounts Compute(IReadOnlyList<string> channels, Func<string, float[]> column, IReadOnlyList<long> finite)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(finite);
        if (finite.Count != channels.Count)
        {
            throw new ArgumentException("one finite count per channel: " + channels.Count + ", not " + finite.Count, nameof(finite));
        }

        var perChannel = new List<(string, long)>(channels.Count);
        bool[]? flagged = null;
        long events = 0;
        var eventCount = 0L;
        for (var c = 0; c < channels.Count; c++)
        {
            var channel = channels[c];
            var values = column(channel);
            eventCount = values.Length;

            // Almost every file has none: only a channel with some is walked event by event.
            var count = values.Length - finite[c];
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
}
