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

    public long Count(string population) => population == GatingTemplate.AllEvents ? _result.EventCount : _result.Count(population);

    public ReadOnlySpan<ulong> Membership(string population) => population == GatingTemplate.AllEvents ? _all.Words : _result.Membership(population).Words;

    /// <summary>Compensated, untransformed values of a channel alias or ratio, as float for the statistics.</summary>
    public float[] Values(string alias)
    {
        var values = _result.Values(_dataDimensions[alias]);
        var result = GC.AllocateUninitializedArray<float>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (float)values[i];
        }

        return result;
    }

    /// <summary>Compensated, untransformed values of a channel alias or ratio at full precision (for FlowJo audits).</summary>
    public double[] DataValues(string alias) => _result.Values(_dataDimensions[alias]);

    /// <summary>Values on the alias's display axis: compensated, then transformed when the template transforms it.</summary>
    public double[] PlotValues(string alias) => _result.Values(_plotDimensions[alias]);

    public IDisplayTransform? Display(string alias) => _displays.TryGetValue(alias, out var display) ? display : null;
}
