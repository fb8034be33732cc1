using CytoViability.Core.Gating;
using CytoViability.Core.Statistics;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>One file gated by a <see cref="CompiledTemplate"/>: populations by template id, channel values by alias.</summary>
internal sealed class EvaluatedSample
{
    private readonly GatingResult _result;
    private readonly IReadOnlyDictionary<string, GateDimension> _dataDimensions;
    private readonly IReadOnlyDictionary<string, GateDimension> _plotDimensions;
    private readonly IReadOnlyDictionary<string, IDisplayTransform> _displays;
    private readonly Bitset _all;

    public EvaluatedSample(GatingResult result, IReadOnlyDictionary<string, GateDimension> dataDimensions, IReadOnlyDictionary<string, GateDimension> plotDimensions, IReadOnlyDictionary<string, IDisplayTransform> displays)
    {
        _result = result;
        _dataDimensions = dataDimensions;
        _plotDimensions = plotDimensions;
        _displays = displays;
        _all = Bitset.All(result.EventCount);
    }

    public GatingResult Result => _result;

    public int EventCount => _result.EventCount;

    public long Count(string population) => population == GatingTemplate.AllEvents ? _result.EventCount : _result.Count(population);

    public ReadOnlySpan<ulong> Membership(string population) => population == GatingTemplate.AllEvents ? _all.Words : _result.Membership(population).Words;

    /// <summary>
    /// Compensated, untransformed values of a channel alias or ratio, computed once per sample and shared by gating,
    /// statistics (which narrow member values to float as they gather them), placement and FlowJo audits.
    /// </summary>
    public double[] DataValues(string alias) => _result.Values(_dataDimensions[alias]);

    /// <summary>Values on the alias's display axis: compensated, then transformed when the template transforms it.</summary>
    public double[] PlotValues(string alias) => _result.Values(_plotDimensions[alias]);

    public IDisplayTransform? Display(string alias) => _displays.TryGetValue(alias, out var display) ? display : null;
}
