using CytoViability.Core.Examples;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Examples;

/// <summary>
/// The example generator's second cytometer set-up (the -day2 folders and any set-up a test asks for): the
/// same seed draws the same cells on every set-up, so each set-up can be compared event by event with the
/// reference one. Expected gains and spillover values are written out by hand from the set-up's definition.
/// </summary>
public sealed class SecondSetupTests
{
    private static readonly ExampleOptions ReferenceDay = new() { SecondSetup = null };

    /// <summary>The reference day's cells, acquired with the second set-up.</summary>
    private static readonly ExampleOptions SameCellsSecondSetup = new() { Setup = AcquisitionSetup.SecondDay, SecondSetup = null };

    private const int Fsc = 0;
    private const int FscWidth = 2;
    private const int Ssc = 3;
    private const int Fitc = CantoII.FirstFluorescenceColumn + CantoII.Fitc;
    private const int Pe = CantoII.FirstFluorescenceColumn + CantoII.Pe;

    [Fact]
    public void Second_setup_gains_scale_the_median_of_each_population_in_its_detector_and_in_scatter()
    {
        var reference = Simulate("viability", 0, ReferenceDay);
        var moved = Simulate("viability", 0, SameCellsSecondSetup);
        Assert.Equal(reference.Labels, moved.Labels);

        bool Viable(EventLabel l) => l is { Kind: CellKind.Cll, State: CellState.Viable };
        bool Dead(EventLabel l) => l is { Kind: CellKind.Cll, State: CellState.Dead };
        AssertRatio(0.3, reference, moved, Fitc, Viable, 0.02, "DiOC6 of viable cells in FITC-A");
        AssertRatio(2.6, reference, moved, Pe, Dead, 0.02, "PI of dead cells in PE-A");
        AssertRatio(1.3, reference, moved, Fsc, Viable, 0.001, "FSC-A of viable cells");
        AssertRatio(0.8, reference, moved, Ssc, Viable, 0.001, "SSC-A of viable cells");
        AssertRatio(1.0, reference, moved, FscWidth, Viable, 0.001, "FSC-W (area over height)");
    }

    [Fact]
    public void Baseline_noise_does_not_scale_with_the_PMT_gain_so_a_dim_population_spreads_more_than_the_gain_says()
    {
        var reference = Simulate("viability", 0, ReferenceDay);
        var moved = Simulate("viability", 0, SameCellsSecondSetup);
        var apc = CantoII.FirstFluorescenceColumn + CantoII.Apc;

        // Viable CLL cells carry no APC dye: about 70 units of autofluorescence and spill, as much photon noise
        // as baseline noise. At APC gain 0.4 the photon part shrinks, the baseline part does not.
        var ratio = Sd(moved, apc, IsViableCll) / Sd(reference, apc, IsViableCll);
        Assert.InRange(ratio, 0.65, 0.9);
    }

    [Fact]
    public void Written_SPILL_is_the_reference_matrix_times_gj_over_gi_and_the_voltages_follow_the_gains()
    {
        var experiment = ExampleDesigns.BuildSecondDay(new ExampleOptions()).Single(e => e.Folder == "viability-day2");
        var dataSet = WriteAndRead(experiment, TubeSimulator.Simulate(experiment.Tubes[0]));
        var spill = Assert.IsType<global::CytoViability.Core.Fcs.SpilloverMatrix>(dataSet.Spillover);

        // Gains FITC 0.3, PE 2.6, PerCP-Cy5.5 1.8, PE-Cy7 1.5, APC 0.4, APC-Cy7 0.6, V450 1.25, V500 0.7;
        // row = the spilling dye's detector i, column = the receiving detector j: S'ij = Sij·gj/gi.
        Assert.Equal(0.215 * 2.6 / 0.3, spill[0, 1]);    // FITC into PE: 1.863, eight times the reference share
        Assert.Equal(0.011 * 0.3 / 2.6, spill[1, 0]);    // PE into FITC
        Assert.Equal(0.205 * 1.8 / 2.6, spill[1, 2]);    // PE into PerCP-Cy5.5
        Assert.Equal(0.235 * 1.5 / 1.8, spill[2, 3]);    // PerCP-Cy5.5 into PE-Cy7
        Assert.Equal(0.087 * 0.6 / 0.4, spill[4, 5]);    // APC into APC-Cy7
        Assert.Equal(0.262 * 0.7 / 1.25, spill[6, 7]);   // V450 into V500
        Assert.Equal(0.0, spill[0, 4]);
        double[] gains = [0.3, 2.6, 1.8, 1.5, 0.4, 0.6, 1.25, 0.7];
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(1.0, spill[i, i]);
            for (var j = 0; j < 8; j++)
            {
                Assert.Equal(CantoII.Spillover[i, j] * gains[j] / gains[i], spill[i, j]);
            }
        }

        // gain ∝ V^7: V = V_reference · g^(1/7), in whole volts.
        Assert.Equal(Math.Round(352 * Math.Pow(1.3, 1 / 7.0)), dataSet.Parameters[0].Voltage);
        Assert.Equal(Math.Round(495 * Math.Pow(0.8, 1 / 7.0)), dataSet.Parameters[3].Voltage);
        Assert.Equal(406, dataSet.Parameters[6].Voltage);    // FITC-A: 482 V · 0.3^(1/7)
        Assert.Equal(501, dataSet.Parameters[7].Voltage);    // PE-A: 437 V · 2.6^(1/7)
        Assert.Equal(Math.Round(579 * Math.Pow(0.4, 1 / 7.0)), dataSet.Parameters[10].Voltage);
        Assert.Equal("FSC,6500", dataSet.Keywords["THRESHOLD"]);
        Assert.Equal("07-APR-2025", dataSet.Keywords["$DATE"]);
        Assert.Equal("CLL viability DiOC6-PI day 2", dataSet.Keywords["EXPERIMENT NAME"]);
    }

    [Fact]
    public void Compensating_with_the_files_SPILL_on_the_second_setup_recovers_the_reference_separation_times_the_gains()
    {
        var experiment = ExampleDesigns.Build(SameCellsSecondSetup).Single(e => e.Folder == "viability");
        var moved = TubeSimulator.Simulate(experiment.Tubes[0]);
        var reference = Simulate("viability", 0, ReferenceDay);
        var fileSpill = WriteAndRead(experiment, moved).Spillover!;
        var spill = new double[8, 8];
        for (var i = 0; i < 8; i++)
        {
            for (var j = 0; j < 8; j++)
            {
                spill[i, j] = fileSpill[i, j];
            }
        }

        var movedCompensated = Compensated.Fluorescence(moved, spill);
        var referenceCompensated = Compensated.Fluorescence(reference, CantoII.Spillover);
        var staleCompensated = Compensated.Fluorescence(moved, CantoII.Spillover);

        // Viable CLL cells carry DiOC6 only: compensated, their PE is the reference's (autofluorescence) times 2.6,
        // far below PI-positive cells (about 100,000); the reference matrix would leave DiOC6 spill in PE.
        var viablePe = Median(movedCompensated[CantoII.Pe], moved, IsViableCll);
        var referencePe = Median(referenceCompensated[CantoII.Pe], reference, IsViableCll);
        Assert.InRange(viablePe, (2.6 * referencePe) - 60, (2.6 * referencePe) + 60);
        Assert.InRange(viablePe, 0, 1000);
        Assert.True(Median(staleCompensated[CantoII.Pe], moved, IsViableCll) > 5000, "the reference matrix compensates day-2 DiOC6 spill away");

        var viableDioc6 = Median(movedCompensated[CantoII.Fitc], moved, IsViableCll);
        Assert.Equal(0.3 * Median(referenceCompensated[CantoII.Fitc], reference, IsViableCll), viableDioc6, 0.02 * viableDioc6);
        var deadPi = Median(movedCompensated[CantoII.Pe], moved, l => l is { Kind: CellKind.Cll, State: CellState.Dead });
        Assert.Equal(2.6 * Median(referenceCompensated[CantoII.Pe], reference, l => l is { Kind: CellKind.Cll, State: CellState.Dead }), deadPi, 0.02 * deadPi);
    }

    [Fact]
    public void Truth_is_the_same_function_of_the_labels_on_both_setups()
    {
        var reference = ExampleDesigns.Build(ReferenceDay);
        var moved = ExampleDesigns.Build(SameCellsSecondSetup);
        for (var e = 0; e < reference.Count; e++)
        {
            Assert.Equal(AcquisitionSetup.SecondDay, moved[e].Setup);
            for (var t = 0; t < reference[e].Tubes.Count; t++)
            {
                var before = reference[e].Tubes[t];
                var after = moved[e].Tubes[t];
                Assert.Equal(TubeSimulator.Simulate(before).Labels, TubeSimulator.Simulate(after).Labels);
                Assert.Equal(before.Truth.Count, after.Truth.Count);
                for (var q = 0; q < before.Truth.Count; q++)
                {
                    Assert.Equal(before.Truth[q].Quantity, after.Truth[q].Quantity);

                    // An MFI is read in the detector's units: only it follows the PE gain.
                    var factor = before.Truth[q].Quantity == "geometric_mean_cd40l" ? 2.6 : 1.0;
                    Assert.Equal(factor * before.Truth[q].Value, after.Truth[q].Value, 9);
                }
            }

            Assert.Equal(reference[e].DonorTruth.Count, moved[e].DonorTruth.Count);
            for (var r = 0; r < reference[e].DonorTruth.Count; r++)
            {
                var factor = reference[e].DonorTruth[r].Quantity == "geometric_mean_cd40l" ? 2.6 : 1.0;
                Assert.Equal(factor * reference[e].DonorTruth[r].Value, moved[e].DonorTruth[r].Value, 9);
            }
        }
    }

    [Fact]
    public void Second_day_labels_match_its_truth_within_four_binomial_standard_errors()
    {
        var days = ExampleDesigns.BuildSecondDay(new ExampleOptions());
        Assert.Equal(["viability-day2", "fasl-trail-day2", "adcc-day2", "gamma-delta-day2", "purity-day2", "cd40l-mfi-day2"], days.Select(d => d.Folder));
        var checkedValues = 0;
        foreach (var experiment in days)
        {
            foreach (var plan in experiment.Tubes)
            {
                Assert.Same(AcquisitionSetup.SecondDay, plan.Setup);
                var tube = TubeSimulator.Simulate(plan);
                foreach (var truth in plan.Truth)
                {
                    if (LabelCounts.TryCount(tube, truth.Quantity, out var realized, out var n))
                    {
                        var tolerance = 400 * Math.Sqrt(truth.Value / 100 * (1 - (truth.Value / 100)) / n);
                        Assert.True(Math.Abs(realized - truth.Value) <= tolerance + 1e-9, $"{experiment.Folder}/{plan.FileName} {truth.Quantity}: {realized:0.00} vs {truth.Value:0.00}");
                        checkedValues++;
                    }
                }
            }
        }

        Assert.True(checkedValues > 500, "only " + checkedValues + " values checked");
        var purity = days.Single(d => d.Folder == "purity-day2").Tubes.Select(t => t.Truth.Single(v => v.Quantity == "purity").Value);
        Assert.Single(purity, p => p < 90);
    }

    [Fact]
    public void Second_day_draws_other_donors_than_the_first()
    {
        var first = ExampleDesigns.Build(new ExampleOptions()).Single(e => e.Folder == "viability");
        var second = ExampleDesigns.BuildSecondDay(new ExampleOptions()).Single(e => e.Folder == "viability-day2");
        Assert.NotEqual(first.DonorTruth.Select(r => r.Value), second.DonorTruth.Select(r => r.Value));
        Assert.NotEqual(first.Tubes[0].Seed, second.Tubes[0].Seed);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(20.0)]
    [InlineData(double.NaN)]
    public void A_gain_outside_the_PMT_range_is_refused(double gain)
    {
        var options = new ExampleOptions { Setup = AcquisitionSetup.Reference.WithGain("PE-A", gain) };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ExampleDesigns.Build(options));
        Assert.Contains("PE-A", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gain_names_each_detector_and_the_reference_setup_is_all_ones()
    {
        Assert.True(AcquisitionSetup.Reference.IsReference);
        Assert.False(AcquisitionSetup.SecondDay.IsReference);
        Assert.Equal(1.3, AcquisitionSetup.SecondDay.Gain("FSC-H"));
        Assert.Equal(0.8, AcquisitionSetup.SecondDay.Gain("SSC-W"));
        Assert.Equal(0.4, AcquisitionSetup.SecondDay.Gain("APC-A"));
        Assert.Equal(2.0, AcquisitionSetup.Reference.WithGain("V450-A", 2.0).Gain("V450-A"));
        Assert.Throws<ArgumentException>(() => AcquisitionSetup.Reference.Gain("Time"));
    }

    [Fact]
    public void Random_setups_stay_in_the_range_a_lab_meets_and_a_seed_names_one_setup()
    {
        var fluorescence = new List<double>();
        for (var seed = 1UL; seed <= 200; seed++)
        {
            var setup = AcquisitionSetup.Random(seed);
            Assert.InRange(setup.FscGain, 0.75, 1.35);
            Assert.InRange(setup.SscGain, 0.75, 1.35);
            Assert.All(setup.FluorescenceGains, g => Assert.InRange(g, 0.3, 3));
            fluorescence.AddRange(setup.FluorescenceGains);
        }

        // Log-uniform over the tenfold range 0.3–3: about as many gains below 1 as above, and both ends reached.
        Assert.InRange(fluorescence.Count(g => g < 1), 700, 900);
        Assert.True(fluorescence.Min() < 0.35 && fluorescence.Max() > 2.6, $"gains span {fluorescence.Min()}–{fluorescence.Max()}");
        Assert.Equal(AcquisitionSetup.Random(7).FluorescenceGains, AcquisitionSetup.Random(7).FluorescenceGains);
        Assert.NotEqual(AcquisitionSetup.Random(7).FluorescenceGains, AcquisitionSetup.Random(8).FluorescenceGains);
    }

    private static bool IsViableCll(EventLabel label) => label is { Kind: CellKind.Cll, State: CellState.Viable };

    private static SimulatedTube Simulate(string folder, int tube, ExampleOptions options) =>
        TubeSimulator.Simulate(ExampleDesigns.Build(options).Single(p => p.Folder == folder).Tubes[tube]);

    private static void AssertRatio(double gain, SimulatedTube reference, SimulatedTube moved, int column, Func<EventLabel, bool> population, double relativeTolerance, string what)
    {
        var ratio = Median(moved.Columns[column], moved, population) / Median(reference.Columns[column], reference, population);
        Assert.True(Math.Abs(ratio - gain) <= relativeTolerance * gain, $"{what}: median ratio {ratio:0.0000}, gain {gain}");
    }

    private static double Median(float[] values, SimulatedTube tube, Func<EventLabel, bool> population) =>
        Median(values.Select(v => (double)v).ToArray(), tube, population);

    private static double Median(double[] values, SimulatedTube tube, Func<EventLabel, bool> population)
    {
        var selected = values.Where((_, i) => population(tube.Labels[i])).Order().ToList();
        Assert.True(selected.Count > 50, "population too small: " + selected.Count);
        return selected.Count % 2 == 1 ? selected[selected.Count / 2] : (selected[(selected.Count / 2) - 1] + selected[selected.Count / 2]) / 2;
    }

    private static double Sd(SimulatedTube tube, int column, Func<EventLabel, bool> population)
    {
        var selected = tube.Columns[column].Where((_, i) => population(tube.Labels[i])).Select(v => (double)v).ToList();
        var mean = selected.Average();
        return Math.Sqrt(selected.Sum(v => (v - mean) * (v - mean)) / (selected.Count - 1));
    }

    private static FcsDataSet WriteAndRead(ExperimentPlan experiment, SimulatedTube tube)
    {
        using var stream = new MemoryStream();
        FcsWriter.Write(stream, ExampleFolderWriter.DataSet(experiment, tube), new FcsWriterOptions { Version = "3.0", BigEndian = true, FacsDivaLayout = true });
        return Assert.Single(FcsReader.Read(stream.ToArray(), "example").DataSets);
    }
}
