using CytoViability.Core.Qc;
using CytoViability.Core.Runs;

namespace CytoViability.Library;

/// <summary>
/// One sample gated by <see cref="GatingTemplate.Apply"/>: the rows the run writes for it, read-only. The numbers are
/// those of populations.csv, mfi.csv, gates.csv and qc.csv (docs/outputs.md says how each is computed).
/// </summary>
public sealed class GatingResults
{
    internal GatingResults(SampleResult result)
    {
        Sample = result.Metadata.Sample;
        File = result.Metadata.File;
        var populations = new PopulationResult[result.Populations.Count];
        for (var i = 0; i < populations.Length; i++)
        {
            var row = result.Populations[i];
            populations[i] = new PopulationResult(row.Population, row.Parent.Length == 0 ? null : row.Parent, row.Count, row.ParentCount, row.PercentParent, row.PercentTotal);
        }

        var mfi = new MfiResult[result.Mfi.Count];
        for (var i = 0; i < mfi.Length; i++)
        {
            var row = result.Mfi[i];
            mfi[i] = new MfiResult(row.Population, row.Channel, row.Marker, row.Mean, row.Median, row.GeometricMean, row.DisplayMean, row.Cv, row.RobustCv, row.Count, row.NonPositiveCount);
        }

        var gates = new GatePosition[result.Gates.Count];
        for (var i = 0; i < gates.Length; i++)
        {
            var row = result.Gates[i];
            gates[i] = new GatePosition(row.Gate, row.Dimension, row.Value, row.Method, row.Scope, row.Status);
        }

        var qc = new QcCheck[result.Qc.Count];
        for (var i = 0; i < qc.Length; i++)
        {
            var row = result.Qc[i];
            qc[i] = new QcCheck(row.Check, row.Status switch { QcStatus.Pass => "pass", QcStatus.Warn => "warn", _ => "fail" }, row.Value, row.Threshold, row.Message);
        }

        Populations = populations;
        Mfi = mfi;
        GatePositions = gates;
        Qc = qc;
    }

    /// <summary>The sample's name (the file name without extension, as a run without a sample sheet names it).</summary>
    public string Sample { get; }

    /// <summary>The file name.</summary>
    public string File { get; }

    /// <summary>The reported populations (the template's <c>statistics: populations</c>, else all), <c>all</c> first.</summary>
    public IReadOnlyList<PopulationResult> Populations { get; }

    /// <summary>The template's <c>statistics: mfi</c> requests, one per population and channel.</summary>
    public IReadOnlyList<MfiResult> Mfi { get; }

    /// <summary>Every computed gate coordinate with the value used and how it was found (empty when every gate is fixed).</summary>
    public IReadOnlyList<GatePosition> GatePositions { get; }

    /// <summary>The per-file QC checks of qc.csv: pass, warn or fail, with the value and the threshold.</summary>
    public IReadOnlyList<QcCheck> Qc { get; }

    /// <summary>A reported population by id.</summary>
    /// <exception cref="KeyNotFoundException">The population is not reported by the template.</exception>
    public PopulationResult Population(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var population in Populations)
        {
            if (population.Id == id)
            {
                return population;
            }
        }

        throw new KeyNotFoundException("population '" + id + "' is not among the template's reported populations");
    }

    /// <summary>The MFI row of one population and channel alias.</summary>
    /// <exception cref="KeyNotFoundException">The template does not ask for it.</exception>
    public MfiResult MfiOf(string population, string channel)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(channel);
        foreach (var row in Mfi)
        {
            if (row.Population == population && row.Channel == channel)
            {
                return row;
            }
        }

        throw new KeyNotFoundException("the template asks for no MFI of " + channel + " in '" + population + "'");
    }
}
