namespace CytoViability.Cli.Tests.Examples;

/// <summary>
/// The round-one templates (tests/data/fixed-templates/, every gate at a fixed data coordinate) are right on
/// the reference set-up and clearly wrong on the -day2 examples acquired after a cytometer re-set-up: the
/// proof that the example data move, so that gates computed from the data have something real to fix.
/// </summary>
[Collection(FixedTemplatesCollection.Name)]
public sealed class FixedTemplatesOnSecondDayTests(FixedTemplateRuns runs)
{
    [Fact]
    public void Fixed_viability_template_misses_every_second_day_viability_by_more_than_ten_points_but_not_the_first_days()
    {
        foreach (var (experiment, wrong) in new[] { ("viability", false), ("viability-day2", true), ("fasl-trail-day2", true) })
        {
            var run = Run(experiment, "dioc6-pi-viability.yaml");
            var truth = TruthTable.Read(ExampleRunFixture.ExampleFolder(experiment));
            var viable = run.Population("viable");
            Assert.Equal(Directory.GetFiles(ExampleRunFixture.ExampleFolder(experiment), "*.fcs").Length, viable.Count);
            foreach (var (sample, row) in viable)
            {
                var expected = truth.File(sample + ".fcs", "percent_viable");
                var measured = RunOutputs.Number(row, "percent_parent");
                var label = $"{experiment}/{sample}: viability {measured:0.0} %, truth {expected:0.0} %";
                Assert.True(wrong ? Math.Abs(measured - expected) > 10 : Math.Abs(measured - expected) < 4, label);
            }
        }
    }

    [Fact]
    public void Fixed_purity_template_flags_second_day_donors_whose_purity_is_above_ninety_percent()
    {
        foreach (var (experiment, wrong) in new[] { ("purity", false), ("purity-day2", true) })
        {
            var run = Run(experiment, "cd5-cd19-purity.yaml");
            var truth = TruthTable.Read(ExampleRunFixture.ExampleFolder(experiment));
            var flagged = run.Table("qc.csv").Where(r => r["check"] == "purity" && r["status"] == "fail").Select(r => r["sample"]).ToHashSet();
            var impure = run.Population("cd5pos_cd19pos").Keys.Where(s => truth.File(s + ".fcs", "purity") < 90).ToHashSet();
            Assert.Single(impure);
            if (wrong)
            {
                Assert.True(flagged.Count == 3, experiment + ": flagged " + string.Join(", ", flagged) + ", truly below 90 %: " + string.Join(", ", impure));
            }
            else
            {
                Assert.Equal(impure, flagged);
            }
        }
    }

    private RunOutputs Run(string experiment, string template)
    {
        var run = runs.Of(experiment, template);
        Assert.True(run.ExitCode is 0 or 2, experiment + ": exit code " + run.ExitCode + "\n" + run.Log);
        return run;
    }
}
