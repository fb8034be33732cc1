namespace CytoViability.Cli.Tests.Examples;

/// <summary>
/// Gate-placement QC sees a misplaced gate even when the template's gates are fixed: the round-one template
/// (tests/data/fixed-templates/) on the viability-day2 example, acquired with FITC at 0.3× of the reference gain,
/// puts its DiOC6 divider (6,000) inside the viable cells (about 25,000 × 0.3 = 7,500), and qc.csv says so.
/// </summary>
[Collection(FixedTemplatesCollection.Name)]
public sealed class GatePlacementQcTests(FixedTemplateRuns runs)
{
    [Fact]
    public void A_fixed_viability_gate_after_a_re_setup_is_flagged_as_cutting_through_the_viable_cells_on_every_sample()
    {
        var day2 = Run("viability-day2");
        var rows = day2.Table("qc.csv").Where(r => r["check"] == "boundary_density").ToList();
        var samples = day2.Population("viable").Keys.ToHashSet();
        Assert.Equal(9, samples.Count);
        foreach (var sample in samples)
        {
            var divider = Assert.Single(rows, r => r["sample"] == sample && r["message"].StartsWith("gate 'dioc6_pi' DiOC6 at 6000 (fixed)", StringComparison.Ordinal));
            Assert.Equal("warn", divider["status"]);
            Assert.True(RunOutputs.Number(divider, "value") > RunOutputs.Number(divider, "threshold"));
        }

        var gates = day2.Table("gates.csv").Where(r => r["gate"] == "dioc6_pi" && r["dimension"] == "DiOC6").ToList();
        Assert.Equal(9, gates.Count);
        Assert.All(gates, g => Assert.Equal(("6000", "fixed", "fixed", "template"), (g["value"], g["status"], g["method"], g["scope"])));
    }

    [Fact]
    public void The_same_fixed_gates_on_the_set_up_they_were_drawn_on_raise_no_placement_warning()
    {
        var day1 = Run("viability");
        Assert.DoesNotContain(day1.Table("qc.csv"), r => r["check"] is "boundary_density" or "population_median" or "gate_spread" or "gate_placement");
    }

    private RunOutputs Run(string experiment)
    {
        var run = runs.Of(experiment, "dioc6-pi-viability.yaml");
        Assert.True(run.ExitCode == 0, experiment + ": exit code " + run.ExitCode + "\n" + run.Log);
        return run;
    }
}
