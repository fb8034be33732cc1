using CytoViability.Core.Examples;

namespace CytoViability.Core.Tests.Examples;

public sealed class ExampleGeneratorTests
{
    private static readonly ExampleOptions Defaults = new();

    [Fact]
    public void Simulate_SameSeed_GivesTheSameEventsBitForBit()
    {
        var first = TubeSimulator.Simulate(Tube("adcc", 0, Defaults));
        var second = TubeSimulator.Simulate(Tube("adcc", 0, new ExampleOptions()));
        for (var c = 0; c < first.Columns.Length; c++)
        {
            Assert.Equal(first.Columns[c], second.Columns[c]);
        }

        Assert.Equal(first.Labels, second.Labels);
    }

    [Fact]
    public void Simulate_OtherSeed_GivesOtherEventsAndOtherDonorEffects()
    {
        var other = new ExampleOptions { Seed = Defaults.Seed + 1 };
        var first = TubeSimulator.Simulate(Tube("viability", 0, Defaults));
        var second = TubeSimulator.Simulate(Tube("viability", 0, other));
        Assert.NotEqual(first.Columns[0], second.Columns[0]);
        Assert.NotEqual(Tube("viability", 0, Defaults).Truth, Tube("viability", 0, other).Truth);
    }

    [Fact]
    public void Build_Defaults_GivesTheStudyDesigns()
    {
        var plans = ExampleDesigns.Build(Defaults).ToDictionary(p => p.Folder);
        Assert.Equal(["viability", "fasl-trail", "adcc", "gamma-delta", "purity", "cd40l-mfi"], plans.Keys);
        Assert.Equal(3 * 3, plans["viability"].Tubes.Count);
        Assert.Equal(3 * 2 * 5, plans["fasl-trail"].Tubes.Count);
        Assert.Equal((3 * 2 * 5 * 2) + 4, plans["adcc"].Tubes.Count);
        Assert.Equal(3 * 2 * 2 * 2, plans["gamma-delta"].Tubes.Count);
        Assert.Equal(3, plans["purity"].Tubes.Count);
        Assert.Equal(3 * 2, plans["cd40l-mfi"].Tubes.Count);

        var purities = plans["purity"].Tubes.Select(t => t.Truth.Single(v => v.Quantity == "purity").Value).ToList();
        Assert.Single(purities, p => p < 90);
        Assert.All(plans["adcc"].Tubes, t => Assert.Equal(2 * Defaults.Events, t.Events));
        Assert.All(plans["adcc"].Tubes, t => Assert.InRange(t.Truth.Single(v => v.Quantity == "percent_targets").Value, 2.5, 3.3));
    }

    [Fact]
    public void Build_EffectSizes_AreInTheRealisticRanges()
    {
        var plans = ExampleDesigns.Build(Defaults).ToDictionary(p => p.Folder);
        var adcc = plans["adcc"].DonorTruth.Where(r => r.ConditionValues[0] == "CLL").ToList();
        foreach (var row in adcc.Where(r => r.Quantity == "percent_killing_count"))
        {
            var range = row.ConditionValues[2] == "b12" ? (-2.0, 3.0) : (10.0, 60.0);
            Assert.InRange(row.Value, range.Item1, range.Item2);

            // Disintegrated targets leave no event, so killing read from % PI+ targets falls short of the count method.
            var specific = adcc.Single(r => r.Quantity == "percent_killing_specific" && r.Donor == row.Donor && r.ConditionValues.SequenceEqual(row.ConditionValues));
            Assert.True(row.ConditionValues[2] == "b12" || specific.Value < row.Value, $"{row.Donor} {string.Join("/", row.ConditionValues)}");
        }

        var viability = plans["viability"].DonorTruth.Where(r => r.Quantity == "percent_viable").ToList();
        for (var d = 0; d < viability.Count; d += 3)
        {
            Assert.Equal("untreated", viability[d].ConditionValues[0]);
            Assert.InRange(viability[d].Value - viability[d + 1].Value, 3, 7);   // lenalidomide lowers viability a little
            Assert.True(viability[d + 2].Value > viability[d].Value);          // CD40L protects
        }

        Assert.All(plans["cd40l-mfi"].DonorTruth.Where(r => r.Quantity == "log2_fold"), r => Assert.InRange(r.Value, 0.8, 1.7));
    }

    [Fact]
    public void GeneratedLabels_EveryFileOfEveryDesign_MatchTruthWithinFourBinomialStandardErrors()
    {
        var checkedValues = 0;
        foreach (var experiment in ExampleDesigns.Build(Defaults))
        {
            foreach (var plan in experiment.Tubes)
            {
                var tube = TubeSimulator.Simulate(plan);
                foreach (var truth in plan.Truth)
                {
                    if (!LabelCounts.TryCount(tube, truth.Quantity, out var realized, out var n))
                    {
                        continue;
                    }

                    var p = truth.Value / 100;
                    var tolerance = 400 * Math.Sqrt(p * (1 - p) / n);
                    Assert.True(
                        Math.Abs(realized - truth.Value) <= tolerance + 1e-9,
                        $"{experiment.Folder}/{plan.FileName} {truth.Quantity}: labels {realized:0.00} vs truth {truth.Value:0.00} (n {n}, tolerance {tolerance:0.00})");
                    checkedValues++;
                }
            }
        }

        Assert.True(checkedValues > 500, "only " + checkedValues + " values checked");
    }

    [Fact]
    public void Simulate_Events_LookLikeFacsDivaFloatData()
    {
        var tube = TubeSimulator.Simulate(Tube("viability", 1, Defaults));
        var columns = tube.Columns;
        for (var c = 0; c < CantoII.TimeColumn; c++)
        {
            Assert.All(columns[c], v => Assert.True(v <= CantoII.Saturation && float.IsFinite(v)));
        }

        Assert.All(columns[1], h => Assert.True(h >= CantoII.FscThreshold, "FSC-H below the threshold was recorded"));
        for (var i = 0; i < tube.Labels.Length; i++)
        {
            if (columns[0][i] < CantoII.Saturation && columns[2][i] < CantoII.Saturation)
            {
                Assert.Equal(65536.0 * columns[0][i] / columns[1][i], columns[2][i], 0.02 * columns[2][i] / 1000);
            }

            if (i > 0)
            {
                Assert.True(columns[CantoII.TimeColumn][i] >= columns[CantoII.TimeColumn][i - 1], "Time runs backwards");
            }
        }

        var negativeFitc = columns[CantoII.FirstFluorescenceColumn + CantoII.PeCy7].Count(v => v < 0);
        Assert.InRange(negativeFitc, 1, tube.Labels.Length / 2);
    }

    [Fact]
    public void Singlets_AndDoublets_SeparateOnFscHeightOverArea()
    {
        var tube = TubeSimulator.Simulate(Tube("viability", 0, Defaults));
        for (var i = 0; i < tube.Labels.Length; i++)
        {
            var ratio = tube.Columns[1][i] / tube.Columns[0][i];
            if (tube.Labels[i].IsSingleCell)
            {
                Assert.InRange(ratio, 0.75, 1.0);
            }
            else if (tube.Labels[i].Kind == CellKind.Doublet)
            {
                Assert.InRange(ratio, 0.3, 0.7);
            }
        }
    }

    [Fact]
    public void DiOC6Spillover_WithoutCompensation_PutsViableCellsAbovePiThreshold_WithCompensation_NotOne()
    {
        var tube = TubeSimulator.Simulate(Tube("viability", 0, Defaults));
        var compensated = Compensated.Fluorescence(tube, CantoII.Spillover);
        int viable = 0, rawAbove = 0, compensatedAbove = 0;
        var pe = CantoII.FirstFluorescenceColumn + CantoII.Pe;
        for (var i = 0; i < tube.Labels.Length; i++)
        {
            if (tube.Labels[i] is { Kind: CellKind.Cll, State: CellState.Viable })
            {
                viable++;
                rawAbove += tube.Columns[pe][i] >= 3000 ? 1 : 0;
                compensatedAbove += compensated[CantoII.Pe][i] >= 3000 ? 1 : 0;
            }
        }

        Assert.True(rawAbove > 0.5 * viable, $"{rawAbove} of {viable} viable cells look PI+ uncompensated");
        Assert.Equal(0, compensatedAbove);
    }

    [Fact]
    public void Cd40lGeometricMean_OfCompensatedLiveCells_MatchesTruth()
    {
        foreach (var plan in ExampleDesigns.Build(Defaults).Single(p => p.Folder == "cd40l-mfi").Tubes)
        {
            var tube = TubeSimulator.Simulate(plan);
            var compensated = Compensated.Fluorescence(tube, CantoII.Spillover);
            var logs = new List<double>();
            for (var i = 0; i < tube.Labels.Length; i++)
            {
                if (tube.Labels[i] is { Kind: CellKind.Cll, State: CellState.Viable } && compensated[CantoII.Pe][i] > 0)
                {
                    logs.Add(Math.Log(compensated[CantoII.Pe][i]));
                }
            }

            var mean = logs.Average();
            var sd = Math.Sqrt(logs.Sum(x => (x - mean) * (x - mean)) / (logs.Count - 1));
            var truth = plan.Truth.Single(v => v.Quantity == "geometric_mean_cd40l").Value;
            Assert.InRange(mean - Math.Log(truth), -4 * sd / Math.Sqrt(logs.Count), 4 * sd / Math.Sqrt(logs.Count));
        }
    }

    [Fact]
    public void GeometricMeanOfShiftedLogNormal_WithoutShift_IsTheMedian()
    {
        Assert.Equal(3000, TruthMath.GeometricMeanOfShiftedLogNormal(new LogNormalLevel(3000, 0.6), 0), 6);

        // ln(m·e^(σz) + a) is convex in z, so the mean lies above ln(m + a); and ln(X + a) ≤ ln X + a/X with
        // E[1/X] = e^(σ²/2)/m bounds it above: m + a ≤ GM ≤ m·exp(a·e^(σ²/2)/m).
        Assert.InRange(TruthMath.GeometricMeanOfShiftedLogNormal(new LogNormalLevel(3000, 0.6), 120), 3120, 3000 * Math.Exp(120 * Math.Exp(0.18) / 3000));
    }

    [Fact]
    public void Killing_HandComputedCases()
    {
        Assert.Equal(20, TruthMath.Killing("difference", 40, 20), 12);
        Assert.Equal(25, TruthMath.Killing("specific", 40, 20), 12);
        Assert.Equal(100, TruthMath.Killing("relative", 40, 20), 12);
    }

    [Fact]
    public void SpillKeyword_HasEightAreaDetectorsAndTheMatrixRowByRow()
    {
        var parts = CantoII.SpillKeyword(AcquisitionSetup.Reference).Split(',');
        Assert.Equal("8", parts[0]);
        Assert.Equal(["FITC-A", "PE-A", "PerCP-Cy5-5-A", "PE-Cy7-A", "APC-A", "APC-Cy7-A", "V450-A", "V500-A"], parts[1..9]);
        Assert.Equal(1 + 8 + 64, parts.Length);
        Assert.Equal("0.215", parts[9 + 1]);   // FITC into PE
        Assert.Equal("0.205", parts[9 + 8 + 2]); // PE into PerCP-Cy5-5
    }

    private static TubePlan Tube(string folder, int index, ExampleOptions options) =>
        ExampleDesigns.Build(options).Single(p => p.Folder == folder).Tubes[index];
}
