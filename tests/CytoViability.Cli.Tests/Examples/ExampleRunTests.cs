namespace CytoViability.Cli.Tests.Examples;

/// <summary>
/// The shipped templates recover the generator's truth on the committed examples within sampling error, and
/// switching compensation off makes the answers measurably wrong. Tolerance: 4 standard errors of the binomial
/// (percentages) or of the mean log intensity (MFIs), computed from the event counts the run itself reports,
/// with the true proportion from truth.csv.
/// </summary>
[Collection(ExampleRunsCollection.Name)]
public sealed class ExampleRunTests(ExampleRunFixture runs)
{
    private const double Z = 4;

    /// <summary>Standard deviation of ln(CD40L) on live cells: 0.6 by design, widened for detector noise.</summary>
    private const double Cd40lLogSd = 0.7;

    [Theory]
    [InlineData("viability")]
    [InlineData("fasl-trail")]
    [InlineData("viability-day2")]
    [InlineData("fasl-trail-day2")]
    public void DiOC6PiTemplate_EveryFile_RecoversPercentViable(string experiment)
    {
        var run = Completed(experiment);
        var truth = TruthTable.Read(ExampleRunFixture.ExampleFolder(experiment));
        var viable = run.Population("viable");
        Assert.Equal(SampleCount(experiment), viable.Count);
        foreach (var (sample, row) in viable)
        {
            var expected = truth.File(sample + ".fcs", "percent_viable");
            var n = RunOutputs.Number(row, "parent_count");
            AssertWithin(expected, RunOutputs.Number(row, "percent_parent"), Z * BinomialSe(expected, n), sample);
        }
    }

    [Theory]
    [InlineData("viability")]
    [InlineData("fasl-trail")]
    [InlineData("viability-day2")]
    [InlineData("fasl-trail-day2")]
    public void DiOC6PiTemplate_SummaryConditionMeans_RecoverTheMeanViabilityOverDonors(string experiment)
    {
        var run = Completed(experiment);
        var folder = ExampleRunFixture.ExampleFolder(experiment);
        var truth = TruthTable.Read(folder);
        var sheet = SampleSheet(folder);
        var viable = run.Population("viable");
        var conditions = truth.ConditionColumns;
        var rows = run.Table("summary.csv").Where(r => r["metric"] == "viability").ToList();
        Assert.Equal(sheet.Count / int.Parse(rows[0]["n_donors"], System.Globalization.CultureInfo.InvariantCulture), rows.Count);
        foreach (var row in rows)
        {
            var values = conditions.Select(c => row[c]).ToList();
            var files = sheet.Where(r => conditions.Select((c, i) => r[c] == values[i]).All(match => match)).ToList();
            Assert.Equal(files.Count, int.Parse(row["n_donors"], System.Globalization.CultureInfo.InvariantCulture));
            var variance = files.Sum(f => Math.Pow(BinomialSe(truth.Donor(f["donor"], values, "percent_viable"), RunOutputs.Number(viable[f["sample"]], "parent_count")), 2));
            var se = Math.Sqrt(variance) / files.Count;
            AssertWithin(truth.Condition(values, "percent_viable"), RunOutputs.Number(row, "mean"), Z * se, string.Join("/", values) + " mean viability");
        }
    }

    [Theory]
    [InlineData("adcc", "antibody", "none")]
    [InlineData("gamma-delta", "effector", "none")]
    [InlineData("adcc-day2", "antibody", "none")]
    [InlineData("gamma-delta-day2", "effector", "none")]
    public void KillingTemplates_EveryDonorAndCondition_RecoverDeadTargetsAndSpecificKilling(string experiment, string controlColumn, string controlValue)
    {
        var run = Completed(experiment);
        var folder = ExampleRunFixture.ExampleFolder(experiment);
        var truth = TruthTable.Read(folder);
        var targets = run.Population("targets");
        var sheet = SampleSheet(folder);
        var conditions = truth.ConditionColumns.Where(c => c != "replicate").ToList();
        var rows = run.Table("killing.csv").Where(r => r[controlColumn] != controlValue).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var donor = row["donor"];
            var values = conditions.Select(c => row[c]).ToList();
            var controlValues = conditions.Select(c => c == controlColumn ? controlValue : row[c]).ToList();
            var x = truth.Donor(donor, values, "percent_dead_targets");
            var c = truth.Donor(donor, controlValues, "percent_dead_targets");
            var seX = WellMeanSe(x, TargetCounts(sheet, targets, donor, conditions, values));
            var seC = WellMeanSe(c, TargetCounts(sheet, targets, donor, conditions, controlValues));
            var label = donor + " " + string.Join("/", values);

            Assert.Equal("specific", row["method"]);
            AssertWithin(x, RunOutputs.Number(row, "percent_dead"), Z * seX, label + " percent_dead");
            AssertWithin(c, RunOutputs.Number(row, "control_percent_dead"), Z * seC, label + " control_percent_dead");

            // Delta method for (x − c)/(100 − c) × 100.
            var dKdx = 100 / (100 - c);
            var dKdc = 100 * (x - 100) / ((100 - c) * (100 - c));
            var seK = Math.Sqrt((dKdx * seX * dKdx * seX) + (dKdc * seC * dKdc * seC));
            AssertWithin(truth.Donor(donor, values, "percent_killing_specific"), RunOutputs.Number(row, "percent_killing"), Z * seK, label + " percent_killing");
        }
    }

    [Theory]
    [InlineData("adcc", "antibody", "none")]
    [InlineData("gamma-delta", "effector", "none")]
    public void KillingTemplates_CountMethod_RecoverKillingIncludingDisintegratedTargets(string experiment, string controlColumn, string controlValue)
    {
        var run = runs.CountMethod(experiment);
        Assert.True(run.ExitCode == 0, run.Log);
        var folder = ExampleRunFixture.ExampleFolder(experiment);
        var truth = TruthTable.Read(folder);
        var sheet = SampleSheet(folder);
        var live = run.Population("live_targets");
        var beads = run.Population("beads");
        var conditions = truth.ConditionColumns.Where(c => c != "replicate").ToList();
        var rows = run.Table("killing.csv").Where(r => r[controlColumn] != controlValue).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var values = conditions.Select(c => row[c]).ToList();
            var controlValues = conditions.Select(c => c == controlColumn ? controlValue : row[c]).ToList();
            var (x, seX) = LivePerBead(sheet, live, beads, row["donor"], conditions, values);
            var (c, seC) = LivePerBead(sheet, live, beads, row["donor"], conditions, controlValues);
            var seK = 100 * (x / c) * Math.Sqrt(Math.Pow(seX / x, 2) + Math.Pow(seC / c, 2));

            Assert.Equal("count", row["method"]);
            AssertWithin(truth.Donor(row["donor"], values, "percent_killing_count"), RunOutputs.Number(row, "percent_killing"), Z * seK, row["donor"] + " " + string.Join("/", values) + " count killing");
        }
    }

    [Theory]
    [InlineData("purity")]
    [InlineData("purity-day2")]
    public void PurityTemplate_RecoversPurity_AndFailsQcOnlyForTheDonorBelowNinetyPercent(string experiment)
    {
        var run = Completed(experiment, allowSomeFailed: true);
        var truth = TruthTable.Read(ExampleRunFixture.ExampleFolder(experiment));
        var purity = run.Population("cd5pos_cd19pos");
        var failures = run.Table("qc.csv").Where(r => r["check"] == "purity" && r["status"] == "fail").Select(r => r["sample"]).ToHashSet();
        Assert.Equal(SampleCount(experiment), purity.Count);
        foreach (var (sample, row) in purity)
        {
            var expected = truth.File(sample + ".fcs", "purity");
            AssertWithin(expected, RunOutputs.Number(row, "percent_parent"), Z * BinomialSe(expected, RunOutputs.Number(row, "parent_count")), sample);
            Assert.Equal(expected < 90, failures.Contains(sample));
        }

        Assert.Single(failures);
    }

    [Theory]
    [InlineData("cd40l-mfi")]
    [InlineData("cd40l-mfi-day2")]
    public void Cd40lTemplate_RecoversGeometricMfiAndLog2Fold(string experiment)
    {
        var run = Completed(experiment);
        var truth = TruthTable.Read(ExampleRunFixture.ExampleFolder(experiment));
        var live = run.Population("live");
        var mfi = run.Table("mfi.csv").Where(r => r["population"] == "live" && r["channel"] == "CD40L").ToDictionary(r => r["sample"]);
        Assert.Equal(SampleCount(experiment), mfi.Count);
        foreach (var (sample, row) in mfi)
        {
            var n = RunOutputs.Number(live[sample], "count");
            var expected = truth.File(sample + ".fcs", "geometric_mean_cd40l");
            AssertWithin(Math.Log(expected), Math.Log(RunOutputs.Number(row, "geometric_mean")), Z * Cd40lLogSd / Math.Sqrt(n), sample + " ln gMFI");
        }

        var folds = run.Table("mfi_fold.csv").Where(r => r["treatment"] == "lenalidomide").ToList();
        Assert.Equal(SampleCount(experiment) / 2, folds.Count);
        foreach (var row in folds)
        {
            var se = FoldSe(live, row["donor"]);
            AssertWithin(truth.Donor(row["donor"], ["lenalidomide"], "log2_fold"), RunOutputs.Number(row, "log2_fold"), Z * se, row["donor"] + " log2_fold");
        }
    }

    [Fact]
    public void WithoutCompensation_DiOC6SpillIntoPe_MakesViableCellsLookDead()
    {
        var run = runs.Uncompensated("viability");
        Assert.True(run.ExitCode == 0, run.Log);
        var truth = TruthTable.Read(ExampleRunFixture.ExampleFolder("viability"));
        foreach (var (sample, row) in run.Population("viable"))
        {
            var expected = truth.File(sample + ".fcs", "percent_viable");
            var measured = RunOutputs.Number(row, "percent_parent");
            var se = BinomialSe(expected, RunOutputs.Number(row, "parent_count"));
            Assert.True(expected - measured > 10 * se, $"{sample}: uncompensated viability {measured:0.0} vs truth {expected:0.0}");
        }
    }

    [Fact]
    public void WithoutCompensation_FitcSpillIntoPe_HidesTheImpureDonorFromQc()
    {
        var run = runs.Uncompensated("purity");
        var truth = TruthTable.Read(ExampleRunFixture.ExampleFolder("purity"));
        var purity = run.Population("cd5pos_cd19pos");
        var impure = purity.Single(p => truth.File(p.Key + ".fcs", "purity") < 90);
        var expected = truth.File(impure.Key + ".fcs", "purity");
        var measured = RunOutputs.Number(impure.Value, "percent_parent");
        Assert.True(measured - expected > Z * BinomialSe(expected, RunOutputs.Number(impure.Value, "parent_count")), $"uncompensated purity {measured:0.0} vs truth {expected:0.0}");
        Assert.DoesNotContain(run.Table("qc.csv"), r => r["check"] == "purity" && r["status"] == "fail");
    }

    [Fact]
    public void WithoutCompensation_PeSpillIntoPerCp_FlattensTheCd40lFoldChange()
    {
        var run = runs.Uncompensated("cd40l-mfi");
        Assert.True(run.ExitCode == 0, run.Log);
        var truth = TruthTable.Read(ExampleRunFixture.ExampleFolder("cd40l-mfi"));
        var live = run.Population("live");
        var folds = run.Table("mfi_fold.csv").Where(r => r["treatment"] == "lenalidomide").ToList();
        Assert.NotEmpty(folds);
        var shortfall = folds.Average(r => truth.Donor(r["donor"], ["lenalidomide"], "log2_fold") - RunOutputs.Number(r, "log2_fold"));
        var seMean = Math.Sqrt(folds.Sum(r => Math.Pow(FoldSe(live, r["donor"]), 2))) / folds.Count;
        Assert.True(shortfall > Z * seMean, $"uncompensated log2 fold is short by {shortfall:0.000} (4 s.e. = {Z * seMean:0.000})");
    }

    private static double BinomialSe(double percent, double n) => 100 * Math.Sqrt(percent / 100 * (1 - (percent / 100)) / n);

    /// <summary>s.e. of the mean of duplicate wells' percentages (the run averages wells within a donor first).</summary>
    private static double WellMeanSe(double percent, IReadOnlyList<double> counts)
    {
        var variance = counts.Sum(n => Math.Pow(BinomialSe(percent, n), 2));
        return Math.Sqrt(variance) / counts.Count;
    }

    private static void AssertWithin(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: measured {actual:0.###}, truth {expected:0.###}, tolerance {tolerance:0.###}");

    private static int SampleCount(string experiment) =>
        File.ReadAllLines(Path.Combine(ExampleRunFixture.ExampleFolder(experiment), "samples.csv")).Length - 1;

    private static List<IReadOnlyDictionary<string, string>> SampleSheet(string folder) =>
        new RunOutputs(folder, 0, string.Empty).Table("samples.csv").ToList();

    private static List<double> TargetCounts(
        List<IReadOnlyDictionary<string, string>> sheet, Dictionary<string, IReadOnlyDictionary<string, string>> targets,
        string donor, List<string> columns, List<string> values)
    {
        var counts = sheet
            .Where(r => r["donor"] == donor && columns.Select((c, i) => r[c] == values[i]).All(match => match))
            .Select(r => RunOutputs.Number(targets[r["sample"]], "count"))
            .ToList();
        Assert.NotEmpty(counts);
        return counts;
    }

    /// <summary>Mean over a donor's wells of live targets per bead, and its s.e. from Poisson counts of both.</summary>
    private static (double Mean, double Se) LivePerBead(
        List<IReadOnlyDictionary<string, string>> sheet, Dictionary<string, IReadOnlyDictionary<string, string>> live,
        Dictionary<string, IReadOnlyDictionary<string, string>> beads, string donor, List<string> columns, List<string> values)
    {
        var wells = sheet.Where(r => r["donor"] == donor && columns.Select((c, i) => r[c] == values[i]).All(match => match)).ToList();
        Assert.NotEmpty(wells);
        double sum = 0, variance = 0;
        foreach (var well in wells)
        {
            var nLive = RunOutputs.Number(live[well["sample"]], "count");
            var nBeads = RunOutputs.Number(beads[well["sample"]], "count");
            var ratio = nLive / nBeads;
            sum += ratio;
            variance += ratio * ratio * ((1 / nLive) + (1 / nBeads));
        }

        return (sum / wells.Count, Math.Sqrt(variance) / wells.Count);
    }

    private static double FoldSe(Dictionary<string, IReadOnlyDictionary<string, string>> live, string donor)
    {
        var counts = live.Where(p => p.Key.StartsWith(donor + "_", StringComparison.Ordinal)).Select(p => RunOutputs.Number(p.Value, "count")).ToList();
        Assert.Equal(2, counts.Count);
        return Cd40lLogSd * Math.Sqrt((1 / counts[0]) + (1 / counts[1])) / Math.Log(2);
    }

    private RunOutputs Completed(string experiment, bool allowSomeFailed = false)
    {
        var run = runs.Compensated(experiment);
        Assert.True(run.ExitCode == 0 || (allowSomeFailed && run.ExitCode == 2), "exit code " + run.ExitCode + "\n" + run.Log);
        return run;
    }
}
