using CytoViability.Reports.Plots;

namespace CytoViability.Reports.Tests.Plots;

public sealed class GatePlotBuilderTests
{
    private static readonly PuritySample Sample = new(purePercent: 90);

    [Fact]
    public void Build_PurityTemplate_OnePlotPerGateWithParentsOfTheTemplate()
    {
        var plots = Sample.Plots();

        Assert.Equal(["lymphocytes", "singlets", "cd5_cd19"], plots.Plots.Select(p => p.Gate));
        Assert.Equal(["all", "lymphocytes", "singlets"], plots.Plots.Select(p => p.Parent));
    }

    [Fact]
    public void Build_WithTheFilesChannels_AxesAreFixedAcrossSamples_AndLabelledMarkerAndDetector()
    {
        // Different purity and a different seed: the two samples' events differ, their axes must not.
        var first = Sample.PlotsOnTheInstrumentsAxes("CLL01").Plots;
        var second = new PuritySample(purePercent: 70, seed: 3).PlotsOnTheInstrumentsAxes("CLL02").Plots;
        var freeFirst = Sample.Plots().Plots;
        var freeSecond = new PuritySample(purePercent: 70, seed: 3).Plots().Plots;

        Assert.NotEqual(freeFirst[0].X.Maximum, freeSecond[0].X.Maximum);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal((first[i].X.Label, first[i].X.Minimum, first[i].X.Maximum), (second[i].X.Label, second[i].X.Minimum, second[i].X.Maximum));
            Assert.Equal((first[i].Y!.Label, first[i].Y!.Minimum, first[i].Y!.Maximum), (second[i].Y!.Label, second[i].Y!.Minimum, second[i].Y!.Maximum));
        }

        // Scatter on its linear scale to the instrument's 262,144 ($PnR); CD5 × CD19 on the logicle's whole 0–1.
        Assert.Equal(("FSC-A", 262144.0), (first[0].X.Label, first[0].X.Maximum));
        Assert.Equal(("CD5 (FITC-A)", 0.0, 1.0), (first[2].X.Label, first[2].X.Minimum, first[2].X.Maximum));
        Assert.Equal("CD19 (PE-A)", first[2].Y!.Label);
    }

    [Fact]
    public void Build_KnownPopulations_PercentagesOfParentMatchTheConstruction()
    {
        var plots = Sample.Plots().Plots;

        Assert.Equal(50.0, plots[0].Outlines.Single().PercentOfParent, 9);
        Assert.Equal(100.0, plots[1].Outlines.Single().PercentOfParent, 9);
        var quadrants = plots[2].Outlines.ToDictionary(o => o.Population, o => o.PercentOfParent);
        Assert.Equal(90.0, quadrants["cd5pos_cd19pos"], 9);
        Assert.Equal(10.0, quadrants["cd5neg_cd19pos"], 9);
        Assert.Equal(0.0, quadrants["cd5pos_cd19neg"], 9);
        Assert.Equal(0.0, quadrants["double_negative"], 9);
    }

    [Fact]
    public void Build_DensityGrid_HoldsEveryEventOfTheParent()
    {
        var plots = Sample.Plots().Plots;

        Assert.Equal(4000, plots[0].Density.Counts.Sum());
        Assert.Equal(4000, plots[0].ParentCount);
        Assert.Equal(PuritySample.Lymphocytes, plots[1].Density.Counts.Sum());
        Assert.Equal(PuritySample.Lymphocytes, plots[2].Density.Counts.Sum());
    }

    [Fact]
    public void Build_DataUnitGateOnLogicleAxes_DividersSitAtTheTransformedValues()
    {
        var quadrant = Sample.Plots().Plots[2];
        var positive = quadrant.Outlines.Single(o => o.Population == "cd5pos_cd19pos");

        Assert.Equal(0, quadrant.X.Minimum);
        Assert.Equal(1, quadrant.X.Maximum);
        Assert.Equal(Sample.Cd5.Forward(1000), positive.Vertices.Min(v => v.X), 12);
        Assert.Equal(Sample.Cd19.Forward(1500), positive.Vertices.Min(v => v.Y), 12);
    }

    [Fact]
    public void Build_LinearScatterAxes_KeepTheTemplateVerticesAndReachTheirTop()
    {
        var lymphocytes = Sample.Plots().Plots[0];

        Assert.Equal([(30000.0, -2000.0), (150000, -2000), (150000, 45000), (30000, 45000)], lymphocytes.Outlines[0].Vertices.Select(v => (v.X, v.Y)));
        Assert.True(lymphocytes.Y!.Minimum <= -2000);
        Assert.True(lymphocytes.X.Maximum >= 200_000 * 0.99);
    }

    [Fact]
    public void Build_DensityGrid_EventsLandInTheirBins()
    {
        var lymphocytes = Sample.Plots().Plots[0];
        var grid = lymphocytes.Density;

        // Monocytes are the only events with SSC-A above 35K (all are above 60K): count the bins above 47.5K.
        var firstRow = (int)Math.Ceiling((47_500 - lymphocytes.Y!.Minimum) / (lymphocytes.Y.Maximum - lymphocytes.Y.Minimum) * grid.Rows);
        var above = 0;
        for (var row = firstRow; row < grid.Rows; row++)
        {
            for (var column = 0; column < grid.Columns; column++)
            {
                above += grid[column, row];
            }
        }

        Assert.Equal(PuritySample.Monocytes, above);
    }
}
