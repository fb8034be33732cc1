using System.Globalization;
using CytoViability.Core.Statistics;

namespace CytoViability.Core.Qc;

/// <summary>Turns measurements and problems into qc.csv rows under a set of <see cref="QcOptions"/>.</summary>
internal sealed class QcEvaluator
{
    public QcEvaluator(QcOptions? options = null)
    {
        Options = options ?? new QcOptions();
    }

    public QcOptions Options { get; }

    /// <summary>Purity (% CD5+CD19+ of lymphocytes) at or above the minimum passes; an undefined purity fails.</summary>
    public QcRow Purity(string sample, string file, double purityPercent)
    {
        var rule = Options.Purity;
        if (!double.IsFinite(purityPercent))
        {
            return new QcRow(sample, file, QcChecks.Purity, null, rule.Threshold, rule.Severity, "purity undefined: the parent population is empty");
        }

        var low = purityPercent < rule.Threshold;
        return new QcRow(
            sample,
            file,
            QcChecks.Purity,
            purityPercent,
            rule.Threshold,
            low ? rule.Severity : QcStatus.Pass,
            "purity " + Format(purityPercent) + " %" + (low ? " below " : " at or above ") + Format(rule.Threshold) + " %");
    }

    /// <summary>
    /// Event count of a population (or of the whole file, <see cref="QcOptions.AllEvents"/>) against its
    /// minimum; null when the options set no minimum for that population.
    /// </summary>
    public QcRow? KeyPopulationEvents(string sample, string file, string population, long count)
    {
        QcRule? rule = null;
        foreach (var (name, minimum) in Options.MinimumEvents)
        {
            if (string.Equals(name, population, StringComparison.OrdinalIgnoreCase))
            {
                rule = minimum;
                break;
            }
        }

        if (rule is null)
        {
            return null;
        }

        var low = count < rule.Threshold;
        return new QcRow(
            sample,
            file,
            QcChecks.MinimumEvents,
            count,
            rule.Threshold,
            low ? rule.Severity : QcStatus.Pass,
            population + ": " + count.ToString(CultureInfo.InvariantCulture) + " events" + (low ? ", fewer than " : ", at least ") +
            Format(rule.Threshold));
    }

    /// <summary>Percentage of a channel's events at its saturation value ($PnR − 1).</summary>
    public QcRow SaturationAtMaximum(string sample, string file, string channel, EdgeEventCounts edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        return Edge(sample, file, channel, QcChecks.SaturationMaximum, Options.SaturationMaximumPercent, 100 * edges.FractionAtMaximum, "at the channel maximum");
    }

    /// <summary>Percentage of a channel's events piled up at its lowest value.</summary>
    public QcRow SaturationAtMinimum(string sample, string file, string channel, EdgeEventCounts edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        return Edge(sample, file, channel, QcChecks.SaturationMinimum, Options.SaturationMinimumPercent, 100 * edges.FractionAtMinimum, "at the channel minimum");
    }

    /// <summary>
    /// Events with NaN or ±∞ in a channel the template reads: value = the number of such events, threshold = the
    /// most that pass (<see cref="QcOptions.NonFiniteEventsPercent"/> of the file's events); more warns.
    /// </summary>
    public QcRow NonFiniteEvents(string sample, string file, NonFiniteEventCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var rule = Options.NonFiniteEventsPercent;
        var allowed = Math.Floor(rule.Threshold / 100 * counts.EventCount);
        var over = counts.Events > allowed;
        var percent = counts.EventCount == 0 ? 0 : 100.0 * counts.Events / counts.EventCount;
        var channels = counts.PerChannel.Where(c => c.Count > 0).Select(c => c.Channel + " " + c.Count.ToString(CultureInfo.InvariantCulture));
        var message = counts.Events == 0
            ? "no event has NaN or ±∞ in a channel the template reads"
            : counts.Events.ToString(CultureInfo.InvariantCulture) + " of " + counts.EventCount.ToString(CultureInfo.InvariantCulture) + " events (" + Format(percent)
              + " %) have NaN or ±∞ (" + string.Join(", ", channels) + "); they fail every gate on those channels but count in the total"
              + (over ? "; more than " : "; at most ") + Format(rule.Threshold) + " %";
        return new QcRow(sample, file, QcChecks.NonFiniteEvents, counts.Events, allowed, over ? rule.Severity : QcStatus.Pass, message);
    }

    /// <summary>
    /// One row per file for the aliases taken by detector because no parameter carried their marker (an unlabelled
    /// detector): value = how many; null when every alias was found as the template states it.
    /// </summary>
    public static QcRow? ChannelsByDetector(string sample, string file, IReadOnlyList<(string Alias, string Parameter)> fallbacks)
    {
        ArgumentNullException.ThrowIfNull(fallbacks);
        if (fallbacks.Count == 0)
        {
            return null;
        }

        return new QcRow(sample, file, QcChecks.ChannelByDetector, fallbacks.Count, null, QcStatus.Warn,
            "no $PnS label matched the template's markers; taken by detector: " + string.Join(", ", fallbacks.Select(f => f.Alias + " → " + f.Parameter)));
    }

    /// <summary>A file that could not be read: always a failure, the reason in the message.</summary>
    public static QcRow UnreadableFile(string sample, string file, string reason)
        => new(sample, file, QcChecks.UnreadableFile, null, null, QcStatus.Fail, reason);

    /// <summary>A template channel alias that no parameter of the file resolves to.</summary>
    public static QcRow UnresolvedChannel(string sample, string file, string alias, string detail)
        => new(sample, file, QcChecks.UnresolvedChannel, null, null, QcStatus.Fail, "channel '" + alias + "' not found: " + detail);

    /// <summary>A sample the sheet or the metadata rules do not describe.</summary>
    public static QcRow MissingMetadata(string sample, string file, string detail)
        => new(sample, file, QcChecks.MissingMetadata, null, null, QcStatus.Fail, detail);

    private static QcRow Edge(string sample, string file, string channel, string check, QcRule rule, double percent, string where)
    {
        if (!double.IsFinite(percent))
        {
            return new QcRow(sample, file, check, null, rule.Threshold, QcStatus.Pass, channel + ": no events");
        }

        var high = percent > rule.Threshold;
        return new QcRow(
            sample,
            file,
            check,
            percent,
            rule.Threshold,
            high ? rule.Severity : QcStatus.Pass,
            channel + ": " + Format(percent) + " % of events " + where + (high ? ", more than " : ", at most ") + Format(rule.Threshold) + " %");
    }

    internal static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
