using CytoViability.Core.Assays;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Tests.Assays;

public sealed class MfiFoldTests
{
    private static readonly string[] Columns = ["stimulation"];

    [Fact]
    public void Analyse_StimulatedOverUnstimulated_GivesLog2FoldPerDonor()
    {
        WellValue[] wells =
        [
            new("D1_u_1", "1.fcs", "D1", ["unstimulated"], 90),
            new("D1_u_2", "2.fcs", "D1", ["unstimulated"], 110), // averaged to 100
            new("D1_s", "3.fcs", "D1", ["CD40L"], 400),
            new("D2_u", "4.fcs", "D2", ["unstimulated"], 50),
            new("D2_s", "5.fcs", "D2", ["CD40L"], 100),
        ];

        var analysis = MfiFold.Analyse(Columns, wells, new ConditionSelector("stimulation", "unstimulated"));

        var d1 = Assert.Single(analysis.Rows, r => r.Donor == "D1" && r.Conditions[0] == "CD40L");
        Assert.Equal(400.0, d1.GeometricMean);
        Assert.Equal(100.0, d1.ReferenceGeometricMean);
        Assert.Equal(2.0, d1.Log2Fold, 12);
        Assert.Equal(1.0, Assert.Single(analysis.Rows, r => r.Donor == "D2" && r.Conditions[0] == "CD40L").Log2Fold, 12);
        Assert.Equal(0.0, Assert.Single(analysis.Rows, r => r.Donor == "D2" && r.Conditions[0] == "unstimulated").Log2Fold);
        Assert.Empty(analysis.Problems);

        // log2 folds 2 and 1 against reference 0: d = 2, 1 → mean 1.5, s.e.m. 0.5, t = 3, df 1.
        var summary = ConditionSummaries.Summarise("log2_fold", Columns, analysis.Log2Fold, new ConditionSelector("stimulation", "unstimulated"));
        var stimulated = Assert.Single(summary.Rows, r => r.Conditions[0] == "CD40L");
        Assert.Equal(1.5, stimulated.Mean, 12);
        Assert.Equal(0.5, stimulated.Sem, 12);
        Assert.Equal(1 - (2 / Math.PI * Math.Atan(3)), stimulated.PValue!.Value, 10);
    }

    [Fact]
    public void Analyse_DonorWithoutReference_IsAFailProblemAndNaNFold()
    {
        WellValue[] wells = [new("D3_s", "6.fcs", "D3", ["CD40L"], 300)];

        var analysis = MfiFold.Analyse(Columns, wells, new ConditionSelector("stimulation", "unstimulated"));

        Assert.True(double.IsNaN(Assert.Single(analysis.Rows).Log2Fold));
        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(QcChecks.ReferenceMissing, problem.Check);
        Assert.Equal(QcStatus.Fail, problem.Status);
    }
}
