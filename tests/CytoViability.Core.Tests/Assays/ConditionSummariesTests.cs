using CytoViability.Core.Assays;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Tests.Assays;

public sealed class ConditionSummariesTests
{
    private static readonly string[] Columns = ["treatment"];

    private static WellValue Well(string donor, string treatment, double value, string replicate = "1")
        => new(donor + "_" + treatment + "_" + replicate, donor + "_" + treatment + "_" + replicate + ".fcs", donor, [treatment], value);

    [Fact]
    public void Summarise_DuplicateWells_AreAveragedWithinTheDonorBeforeStatistics()
    {
        WellValue[] wells =
        [
            Well("D1", "untreated", 80, "1"),
            Well("D1", "untreated", 90, "2"),
            Well("D2", "untreated", 70),
            Well("D3", "untreated", 60),
        ];

        var donors = Replicates.Average(wells);
        var analysis = ConditionSummaries.Summarise("viability", Columns, donors, new ConditionSelector("treatment", "untreated"));

        // Donor means 85, 70, 60 (not the four wells' mean of 75): mean 71.667, SD² = (177.78 + 2.78 + 136.11)/2.
        var row = Assert.Single(analysis.Rows);
        Assert.Equal(3, row.DonorCount);
        Assert.Equal(215.0 / 3, row.Mean, 10);
        Assert.Equal(Math.Sqrt(950.0 / 3 / 2), row.Sd, 10);
        Assert.Equal(Math.Sqrt(950.0 / 3 / 2) / Math.Sqrt(3), row.Sem, 10);
        Assert.Null(row.PValue);
        Assert.Equal(10.0, Assert.Single(donors, d => d.Donor == "D1").Spread);
    }

    [Fact]
    public void Summarise_PairedAgainstReference_MatchesTheClosedFormPValue()
    {
        WellValue[] wells =
        [
            Well("D1", "untreated", 85), Well("D2", "untreated", 70), Well("D3", "untreated", 60),
            Well("D1", "lenalidomide", 70), Well("D2", "lenalidomide", 60), Well("D3", "lenalidomide", 40),
        ];

        var analysis = ConditionSummaries.Summarise("viability", Columns, Replicates.Average(wells), new ConditionSelector("treatment", "untreated"));

        // d = −15, −10, −20: mean −15, SD 5, t = −15/(5/√3) = −3√3, df 2 → p = 1 − |t|/√(t² + 2).
        var lenalidomide = Assert.Single(analysis.Rows, r => r.Conditions[0] == "lenalidomide");
        var t = 3 * Math.Sqrt(3);
        Assert.Equal(1 - (t / Math.Sqrt((t * t) + 2)), lenalidomide.PValue!.Value, 10);
        Assert.Equal(0.0351, lenalidomide.PValue!.Value, 4);
        Assert.Equal(3, lenalidomide.PairedDonorCount);
        Assert.Equal(170.0 / 3, lenalidomide.Mean, 10);
    }

    [Fact]
    public void Summarise_ReferenceMatchedOnOtherColumns_PairsTheRightReference()
    {
        string[] columns = ["stimulation", "day"];
        DonorValue[] donors =
        [
            new("D1", ["none", "1"], 10, [], 0), new("D2", ["none", "1"], 20, [], 0),
            new("D1", ["none", "2"], 100, [], 0), new("D2", ["none", "2"], 200, [], 0),
            new("D1", ["CD40L", "1"], 11, [], 0), new("D2", ["CD40L", "1"], 23, [], 0),
        ];

        var analysis = ConditionSummaries.Summarise("gmfi", columns, donors, new ConditionSelector("stimulation", "none"));

        // Paired with day-1 "none": d = 1, 3 → t = 2, df 1 → p = 1 − (2/π)·atan 2.
        var stimulated = Assert.Single(analysis.Rows, r => r.Conditions[0] == "CD40L");
        Assert.Equal(1 - (2 / Math.PI * Math.Atan(2)), stimulated.PValue!.Value, 10);
    }

    [Fact]
    public void Summarise_NoReferenceCondition_GivesEmptyPValueAndAWarning()
    {
        DonorValue[] donors = [new("D1", ["lenalidomide"], 50, [new("S1", "s1.fcs")], 0)];

        var analysis = ConditionSummaries.Summarise("viability", Columns, donors, new ConditionSelector("treatment", "untreated"));

        Assert.True(double.IsNaN(Assert.Single(analysis.Rows).PValue!.Value));
        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(QcChecks.ReferenceMissing, problem.Check);
        Assert.Equal("S1", Assert.Single(problem.Wells).Sample);
    }

    [Fact]
    public void Summarise_OneDonor_HasNaNSdAndSem()
    {
        DonorValue[] donors = [new("D1", ["untreated"], 50, [], 0)];

        var row = Assert.Single(ConditionSummaries.Summarise("viability", Columns, donors, null).Rows);

        Assert.Equal(1, row.DonorCount);
        Assert.True(double.IsNaN(row.Sd));
        Assert.True(double.IsNaN(row.Sem));
    }

    [Fact]
    public void Summarise_ReferenceOnAColumnTheSamplesLack_WarnsAndLeavesPValuesEmpty()
    {
        DonorValue[] donors = [new("D1", ["rituximab"], 30, [], 0), new("D2", ["rituximab"], 40, [], 0)];

        var analysis = ConditionSummaries.Summarise("percent_killing", ["antibody"], donors, new ConditionSelector("treatment", "untreated"));

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(QcChecks.UnknownConditionColumn, problem.Check);
        Assert.Equal(QcStatus.Warn, problem.Status);
        Assert.Equal(35.0, Assert.Single(analysis.Rows).Mean);
        Assert.True(double.IsNaN(analysis.Rows[0].PValue!.Value));
    }
}
