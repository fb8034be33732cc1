using CytoViability.Core.Compensation;
using CytoViability.Core.Gating;
using CytoViability.Core.Statistics;

namespace CytoViability.Core.Templates;

/// <summary>One file gated by a <see cref="CompiledTemplate"/>: populations by template id, channel values by alias.</summary>
internal sealed class EvaluatedSample
{
    private readonly GatingResult _result;
    private readonly CompiledTemplate _compiled;
    private readonly ResolvedStrategy _strategy;
    private readonly Bitset _all;

    private EvaluatedSample(GatingResult result, CompiledTemplate compiled, ResolvedStrategy strategy)
    {
        _result = result;
        _compiled = compiled;
        _strategy = strategy;
        _all = Bitset.All(result.EventCount);
    }

    /// <summary>Gates one file's events with the compiled template's gates for the file's channel names.</summary>
    public static EvaluatedSample Evaluate(CompiledTemplate compiled, ResolvedStrategy strategy, EventColumns events, CompensationMatrix? fileSpillover, IReadOnlyDictionary<string, Bitset>? gated = null)
        => new(strategy.Strategy.Evaluate(events, fileSpillover, gated), compiled, strategy);

    public GatingResult Result => _result;

    public int EventCount => _result.EventCount;

    public long Count(string population) => population == GatingTemplate.AllEvents ? _result.EventCount : _result.Count(population);

    public ReadOnlySpan<ulong> Membership(string population) => population == GatingTemplate.AllEvents ? _all.Words : _result.Membership(population).Words;

    /// <summary>
    /// Compensated, untransformed values of a channel alias or ratio, computed once per sample and shared by gating,
    /// statistics (which narrow member values to float as they gather them), placement and FlowJo audits.
    /// </summary>
    public double[] DataValues(string alias) => _result.Values(_strategy.DataDimension(alias));

    /// <summary>Values on the alias's display axis: compensated, then transformed when the template transforms it.</summary>
    public double[] PlotValues(string alias) => _result.Values(_strategy.PlotDimension(alias));

    public IDisplayTransform? Display(string alias) => _compiled.Transform(alias) is { } transform ? new TemplateDisplay(transform) : null;
}
