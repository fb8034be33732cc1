using System.Collections.Concurrent;
using CytoViability.Core.Qc;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Templates;

/// <summary>
/// A gating template compiled once per run: its transforms built (a logicle table takes milliseconds), its QC
/// options, and its gates resolved into a <see cref="ResolvedStrategy"/> for each set of channel names the files
/// use. Gating, statistics, assays, QC and the report's gate plots all read this one object, never the raw
/// template's definitions again. Immutable and thread-safe: one instance serves every worker thread.
/// </summary>
internal sealed class CompiledTemplate
{
    private readonly ConcurrentDictionary<string, ResolvedStrategy> _byChannels;

    private CompiledTemplate(GatingTemplate template, IReadOnlyDictionary<string, ITransform> transforms, QcOptions qcOptions, ConcurrentDictionary<string, ResolvedStrategy> byChannels)
    {
        Template = template;
        Transforms = transforms;
        QcOptions = qcOptions;
        _byChannels = byChannels;
    }

    /// <summary>The template whose gates this compilation resolves (with the sample's gate positions when <see cref="WithGates"/> made it).</summary>
    public GatingTemplate Template { get; }

    /// <summary>The template's transforms by alias, built once (immutable, shared by every thread).</summary>
    public IReadOnlyDictionary<string, ITransform> Transforms { get; }

    /// <summary>The run's QC rules: the documented defaults with the template's `qc` section and purity minimum applied.</summary>
    public QcOptions QcOptions { get; }

    public static CompiledTemplate Compile(GatingTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        // Channels given the same transform share one instance, so that its lookup table (a logicle's: 320 KB, a few
        // milliseconds to build) is built once per run and not once per channel: the ADCC template's DDAO and PI.
        var transforms = new Dictionary<string, ITransform>(StringComparer.Ordinal);
        var built = new Dictionary<(TransformKind, double, double, double, double), ITransform>();
        foreach (var (alias, definition) in template.Transforms)
        {
            var parameters = (definition.Kind, definition.T, definition.W, definition.M, definition.A);
            if (!built.TryGetValue(parameters, out var transform))
            {
                transform = TransformFactory.Create(definition);
                built[parameters] = transform;
            }

            transforms[alias] = transform;
        }

        return new CompiledTemplate(template, transforms, QcOptionsOf(template), new(StringComparer.Ordinal));
    }

    /// <summary>
    /// The same compilation for the template with other gate coordinates (a sample's computed positions, applied
    /// to the template's gates): the transforms and QC options are shared, the gates are resolved afresh.
    /// </summary>
    public CompiledTemplate WithGates(GatingTemplate positioned)
        => ReferenceEquals(positioned, Template) ? this : new(positioned, Transforms, QcOptions, new(StringComparer.Ordinal));

    /// <summary>
    /// The gates for files whose aliases resolve to <paramref name="channels"/> ($PnN of every used alias): resolved
    /// once per distinct set of names and then shared. With <paramref name="onlyGates"/>, only those gates (closed
    /// under parents and operands), resolved each time.
    /// </summary>
    public ResolvedStrategy Resolve(IReadOnlyDictionary<string, string> channels, IReadOnlySet<string>? onlyGates = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return onlyGates is null
            ? _byChannels.GetOrAdd(ChannelKey(channels), _ => ResolvedStrategy.Resolve(this, channels, null))
            : ResolvedStrategy.Resolve(this, channels, onlyGates);
    }

    /// <summary>The alias's transform, or null for a linear (untransformed) axis.</summary>
    public ITransform? Transform(string alias) => Transforms.TryGetValue(alias, out var transform) ? transform : null;

    /// <summary>
    /// A gate coordinate on the alias's plotted scale: a data coordinate on a transformed axis goes through the
    /// transform; transformed coordinates, and coordinates on untransformed axes, are already there.
    /// </summary>
    public double OnPlot(string alias, GateUnits units, double value)
        => units == GateUnits.Data && Transform(alias) is { } transform ? transform.Forward(value) : value;

    /// <summary>The documented QC defaults (<see cref="Qc.QcOptions"/>) with what the template says in place of them.</summary>
    private static QcOptions QcOptionsOf(GatingTemplate template)
    {
        var minimum = new List<KeyValuePair<string, QcRule>>();
        foreach (var (population, count) in template.Qc.MinimumEvents)
        {
            minimum.Add(new(population, new QcRule(count, population == GatingTemplate.AllEvents ? QcStatus.Fail : QcStatus.Warn)));
        }

        return new QcOptions
        {
            Purity = new QcRule(template.Assays.Purity?.Minimum ?? 90, QcStatus.Fail),
            MinimumEvents = minimum,
            SaturationMaximumPercent = new QcRule(template.Qc.SaturationPercent, QcStatus.Warn),
            SaturationMinimumPercent = new QcRule(template.Qc.MinimumPercent, QcStatus.Warn),
            ReplicateSpread = new QcRule(template.Qc.ReplicateDifference, QcStatus.Warn),
        };
    }

    private static string ChannelKey(IReadOnlyDictionary<string, string> channels)
    {
        var parts = new List<string>(channels.Count);
        foreach (var (alias, channel) in channels)
        {
            parts.Add(alias + "\u0001" + channel);
        }

        parts.Sort(StringComparer.Ordinal);
        return string.Join("\u0002", parts);
    }
}
