using CytoViability.Core.Assays;

namespace CytoViability.Core.Tests.Assays;

public sealed class PercentAssayTests
{
    private static readonly string[] Columns = ["treatment"];

    private static PopulationWell Well(string donor, string treatment, long viable, long cells, string replicate = "1")
        => new(donor + "_" + treatment + "_" + replicate, donor + "_" + treatment + "_" + replicate + ".fcs", donor, [treatment], viable, cells);

    [Fact]
    public void Viability_IsThePercentOfTheParentPerWell_AveragedOverReplicateWellsBeforeTheDonorMean()
    {
        PopulationWell[] wells =
        [
            Well("D1", "untreated", 800, 1000, "1"),
            Well("D1", "untreated", 450, 500, "2"),
            Well("D2", "untreated", 1400, 2000),
        ];

        var analysis = PercentAssay.Analyse(PercentAssay.Viability, Columns, wells, null);

        // Wells 80 %, 90 % and 70 %; donor D1 is (80 + 90) / 2 = 85 %, so the condition mean is (85 + 70) / 2 = 77.5 %.
        Assert.Equal([80.0, 90.0, 70.0], analysis.Wells.Select(well => well.Value));
        Assert.Equal(85.0, Assert.Single(analysis.DonorValues, donor => donor.Donor == "D1").Value, 12);
        var row = Assert.Single(analysis.Summary.Rows);
        Assert.Equal(PercentAssay.Viability, row.Metric);
        Assert.Equal(2, row.DonorCount);
        Assert.Equal(77.5, row.Mean, 12);
    }

    [Fact]
    public void A_well_whose_parent_is_empty_has_no_percentage()
    {
        var analysis = PercentAssay.Analyse(PercentAssay.Purity, Columns, [Well("D1", "untreated", 0, 0)], null);

        Assert.True(double.IsNaN(Assert.Single(analysis.Wells).Value));
    }
}
