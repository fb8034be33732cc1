using CytoViability.Core.Experiments;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Gating;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;
using CytoViability.Core.Tests.Templates;

namespace CytoViability.Core.Tests.GatePositions;

/// <summary>
/// Placement QC counts each sample's populations on histograms a thread reuses from sample to sample: a sample's
/// medians are its own events' whatever the thread counted before, the same as on a thread that counted nothing.
/// </summary>
public sealed class PlacementQcTests
{
    private static readonly string[] Names = ["FSC-A", "SSC-A", "FITC-A", "PE-A"];

    private static readonly CompiledTemplate Compiled = CompiledTemplate.Compile(TemplateText.LoadValid("""
        channels:
          FSC: FSC-A
          SSC: SSC-A
          DiOC6: FITC-A
          PI: PE-A
        gates:
          - { id: cells, type: range, channel: FSC, min: 10000, max: 250000 }
        """));

    private static readonly Dictionary<string, string> Channels = new() { ["FSC"] = "FSC-A", ["SSC"] = "SSC-A", ["DiOC6"] = "FITC-A", ["PI"] = "PE-A" };

    /// <summary>1,000 cells with FSC spread evenly over [low, low + 20,000).</summary>
    private static EvaluatedSample Sample(double low)
    {
        var fsc = new double[1000];
        for (var i = 0; i < fsc.Length; i++)
        {
            fsc[i] = low + (20 * i);
        }

        var zeros = new double[fsc.Length];
        return EvaluatedSample.Evaluate(Compiled, Compiled.Resolve(Channels), EventColumns.FromArrays(Names, [fsc, zeros, zeros, zeros]), null);
    }

    private static double CellsMedian(PlacementQc qc, EvaluatedSample sample)
        => Assert.Single(qc.Medians(sample, qc.Counted(sample)), m => m.Population == "cells" && m.Channel == "FSC").Median;

    [Fact]
    public void A_samples_FSC_median_is_its_own_after_the_thread_counted_a_brighter_sample()
    {
        var qc = new PlacementQc(new PlacementPlan(Compiled));
        var bright = Sample(200_000);
        var dim = Sample(50_000);

        var alone = 0.0;
        var thread = new Thread(() => alone = CellsMedian(qc, dim));
        thread.Start();
        thread.Join();

        var brightMedian = CellsMedian(qc, bright);
        var dimAfterBright = CellsMedian(qc, dim);

        // The true medians are 210,000 and 60,000; the placement axis has 1,024 bins of 256 over [0, 262,144).
        Assert.InRange(brightMedian, 210_000 - 256, 210_000 + 256);
        Assert.InRange(dimAfterBright, 60_000 - 256, 60_000 + 256);
        Assert.Equal(alone, dimAfterBright);
    }

    [Fact]
    public void A_gate_through_a_samples_cells_is_flagged_with_its_own_density_after_the_thread_smoothed_another_sample()
    {
        var plan = new PlacementPlan(Compiled);
        var qc = new PlacementQc(plan);
        var metadata = new SampleMetadata("dim", "dim.fcs", "CLL01", "1", []);

        // The cells gate's lower bound moved to 60,000: through the middle of the dim sample's cells, [50,000, 70,000).
        var rows = plan.Coordinates.Select(c => new PositionRow(c, c.Role == CoordinateRole.Min ? 60_000 : 250_000, "fixed", "template", "fixed")).ToList();
        var positions = new SamplePositions(new Dictionary<string, double>(), rows, []);
        List<QcRow> Flags(EvaluatedSample sample) => [.. qc.BoundaryDensity(metadata, positions, sample, qc.Counted(sample))];

        var dim = Sample(50_000);
        List<QcRow> alone = [];
        var thread = new Thread(() => alone = Flags(dim));
        thread.Start();
        thread.Join();

        Assert.Empty(Flags(Sample(200_000)));
        var afterBright = Flags(dim);

        var flag = Assert.Single(afterBright);
        Assert.StartsWith("gate 'cells' FSC min at 60000", flag.Message, StringComparison.Ordinal);
        Assert.True(flag.Value > PlacementQc.BoundaryThreshold);
        Assert.Equal(Assert.Single(alone).Value, flag.Value);
    }
}
