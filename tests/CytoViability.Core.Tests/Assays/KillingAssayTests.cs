using CytoViability.Core.Assays;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Assays;

public sealed class KillingAssayTests
{
    private static readonly string[] Columns = ["antibody", "ratio"];

    private static TargetWell Well(string donor, string antibody, string ratio, long targets, long dead, double live = double.NaN, string replicate = "1")
        => new(donor + "_" + antibody + "_" + ratio + "_" + replicate, donor + "_" + antibody + "_" + replicate + ".fcs", donor, [antibody, ratio], targets, dead, live);

    private static KillingRow Row(KillingAnalysis analysis, string donor, string antibody, string ratio)
        => Assert.Single(analysis.Rows, row => row.Donor == donor && row.Conditions[0] == antibody && row.Conditions[1] == ratio);

    [Fact]
    public void Analyse_SpecificKilling_AveragesDuplicateControlWellsBeforeTheRatio()
    {
        TargetWell[] wells =
        [
            Well("D1", "none", "30:1", 1000, 100, replicate: "1"), // 10 % dead
            Well("D1", "none", "30:1", 1000, 300, replicate: "2"), // 30 % dead → control 20 %
            Well("D1", "rituximab", "30:1", 1000, 600, replicate: "1"), // 60 %
            Well("D1", "rituximab", "30:1", 1000, 400, replicate: "2"), // 40 % → 50 %
        ];

        var analysis = KillingAssay.Analyse(Columns, wells, new KillingOptions(KillingMethod.Specific, new ConditionSelector("antibody", "none")));

        // (50 − 20)/(100 − 20)·100 = 37.5. Killing against each control well, averaged, would give 36.51.
        var rituximab = Row(analysis, "D1", "rituximab", "30:1");
        Assert.Equal(50.0, rituximab.PercentDead, 12);
        Assert.Equal(20.0, rituximab.ControlPercentDead, 12);
        Assert.Equal(37.5, rituximab.PercentKilling, 12);
        Assert.Equal("specific", rituximab.Method);
        Assert.Equal(2, rituximab.WellCount);
        Assert.Equal(2000, rituximab.TargetCount);
        Assert.Equal(100 * Math.Sqrt(0.25 / 2000), rituximab.PercentDeadSe, 12);
        Assert.False(rituximab.IsControl);
        Assert.Empty(analysis.Problems);
    }

    [Fact]
    public void Analyse_ControlMatching_UsesTheSameDonorAndEveryOtherConditionColumn()
    {
        TargetWell[] wells =
        [
            Well("D1", "none", "30:1", 1000, 200),
            Well("D1", "none", "10:1", 1000, 100),
            Well("D2", "none", "30:1", 1000, 400),
            Well("D1", "b12", "30:1", 1000, 180),
            Well("D1", "rituximab", "10:1", 1000, 300),
            Well("D2", "rituximab", "30:1", 1000, 700),
        ];

        var analysis = KillingAssay.Analyse(Columns, wells, new KillingOptions(KillingMethod.Difference, new ConditionSelector("antibody", "none")));

        // b12 is an ordinary condition, compared with no antibody at the same ratio; its negative killing is kept.
        Assert.Equal(-2.0, Row(analysis, "D1", "b12", "30:1").PercentKilling, 12);
        Assert.Equal(20.0, Row(analysis, "D1", "rituximab", "10:1").PercentKilling, 12); // 30 − 10, not 30 − 20
        Assert.Equal(30.0, Row(analysis, "D2", "rituximab", "30:1").PercentKilling, 12); // 70 − 40, D2's own control
        var control = Row(analysis, "D1", "none", "30:1");
        Assert.True(control.IsControl);
        Assert.Equal(0.0, control.PercentKilling);
        Assert.Empty(analysis.Problems);
    }

    [Fact]
    public void Analyse_MissingControl_IsAFailProblemNamingTheWellsAndTheRowStays()
    {
        TargetWell[] wells =
        [
            Well("D1", "none", "30:1", 1000, 200),
            Well("D2", "rituximab", "30:1", 1000, 700),
        ];

        var analysis = KillingAssay.Analyse(Columns, wells, new KillingOptions(KillingMethod.Specific, new ConditionSelector("antibody", "none")));

        var orphan = Row(analysis, "D2", "rituximab", "30:1");
        Assert.True(double.IsNaN(orphan.PercentKilling));
        Assert.True(double.IsNaN(orphan.ControlPercentDead));
        Assert.Equal(70.0, orphan.PercentDead, 12);
        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(QcChecks.ControlMissing, problem.Check);
        Assert.Equal(QcStatus.Fail, problem.Status);
        Assert.Equal("D2_rituximab_1.fcs", Assert.Single(problem.Wells).File);
    }

    [Fact]
    public void Analyse_GammaDeltaCountMethod_UsesLiveTargetsPerBeadAgainstNoEffector()
    {
        string[] columns = ["effector"];
        TargetWell[] wells =
        [
            new("D1_none", "a.fcs", "D1", ["none"], 2000, 200, 1.2),
            new("D1_none_2", "b.fcs", "D1", ["none"], 2000, 200, 0.8), // live targets per bead average to 1.0
            new("D1_gd", "c.fcs", "D1", ["gamma-delta"], 900, 450, 0.35),
        ];

        var analysis = KillingAssay.Analyse(columns, wells, new KillingOptions(KillingMethod.Count, new ConditionSelector("effector", "none")));

        var row = Assert.Single(analysis.Rows, r => r.Conditions[0] == "gamma-delta");
        Assert.Equal(65.0, row.PercentKilling, 12); // 100·(1 − 0.35/1.0)
        Assert.Equal(50.0, row.PercentDead, 12);
        Assert.Equal(10.0, row.ControlPercentDead, 12);
        Assert.Equal("count", row.Method);
    }

    [Fact]
    public void Analyse_LowTargetWellAndDyingControl_AreFlagged()
    {
        TargetWell[] wells =
        [
            Well("D1", "none", "30:1", 1000, 850),
            Well("D1", "rituximab", "30:1", 300, 280),
        ];

        var analysis = KillingAssay.Analyse(Columns, wells, new KillingOptions(KillingMethod.Specific, new ConditionSelector("antibody", "none")));

        Assert.True(Row(analysis, "D1", "rituximab", "30:1").LowTargetCount);
        Assert.False(Row(analysis, "D1", "none", "30:1").LowTargetCount);
        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(QcChecks.ControlDeathHigh, problem.Check);
        Assert.Equal(QcStatus.Warn, problem.Status);
        Assert.Equal(85.0, problem.Value);
    }

    [Fact]
    public void Analyse_ControlNamesAnUnknownColumn_IsAProblemNotAnException()
    {
        TargetWell[] wells = [Well("D1", "none", "30:1", 1000, 200)];

        var analysis = KillingAssay.Analyse(Columns, wells, new KillingOptions(KillingMethod.Specific, new ConditionSelector("effector", "none")));

        Assert.Equal(QcChecks.UnknownConditionColumn, Assert.Single(analysis.Problems).Check);
        Assert.True(double.IsNaN(Assert.Single(analysis.Rows).PercentKilling));
    }

    [Fact]
    public void Analyse_ConditionValuesDifferingOnlyInCase_AreOneCondition()
    {
        TargetWell[] wells =
        [
            Well("D1", "None", "30:1", 1000, 200),
            Well("D1", "rituximab", "30:1", 1000, 500),
        ];

        var analysis = KillingAssay.Analyse(Columns, wells, new KillingOptions(KillingMethod.Difference, new ConditionSelector("antibody", "none")));

        Assert.Equal(30.0, Row(analysis, "D1", "rituximab", "30:1").PercentKilling, 12);
    }
}
