using CytoViability.Reports.Charts;
using CytoViability.Reports.Tests.Html;
using CytoViability.Reports.Tests.Plots;

namespace CytoViability.Reports.Tests.Charts;

public sealed class ConditionChartBuilderTests
{
    [Fact]
    public void Build_Purity_BarFromSummaryAndDonorDotsFromPopulationCounts()
    {
        using var folder = RunFolder.Purity();

        var charts = ConditionChartBuilder.Build(ReportTables.Read(folder.Path), PuritySample.LoadTemplate());

        var purity = Assert.Single(charts.Metrics);
        var bar = Assert.Single(purity.Bars);
        Assert.Equal("CD5/CD19", bar.Condition);
        Assert.Equal(93.4333333333333, bar.Mean);
        Assert.Equal(3.9496, bar.Sem);

        // 973 / 1000 and 974 / 1000 cd5pos_cd19pos of singlets in populations.csv.
        Assert.Equal([("CLL01", 97.3), ("CLL02", 97.4)], bar.Donors.Select(d => (d.Donor, Math.Round(d.Value, 10))));
        Assert.Empty(charts.Killing);
    }

    [Fact]
    public void Build_Killing_OneChartPerAntibodyWithDonorValuesOfKillingCsv()
    {
        using var folder = new RunFolder()
            .With("summary.csv",
                "metric,antibody,lenalidomide,n_donors,mean,sd,sem,p_value,n_paired\n"
                + "percent_killing,RTX,UT,2,30,14.142135623730951,10,,2\n"
                + "percent_killing,RTX,LEN,2,50,14.142135623730951,10,0.02,2\n"
                + "percent_killing,OFA,UT,2,40,0,0,,2\n"
                + "percent_dead,RTX,UT,2,35,7,5,,2\n")
            .With("killing.csv",
                "donor,antibody,lenalidomide,percent_dead,control_percent_dead,percent_killing,method,is_control,wells,target_count,percent_dead_se,low_target_count\n"
                + "CLL01,RTX,UT,40,10,20,difference,false,2,900,1.6,false\n"
                + "CLL02,RTX,UT,50,10,40,difference,false,2,900,1.6,false\n"
                + "CLL01,RTX,LEN,50,10,40,difference,false,2,900,1.6,false\n"
                + "CLL02,RTX,LEN,70,10,60,difference,false,2,900,1.6,false\n"
                + "CLL01,OFA,UT,50,10,40,difference,false,2,900,1.6,false\n"
                + "CLL02,OFA,UT,50,10,40,difference,false,2,900,1.6,false\n");

        var charts = ConditionChartBuilder.Build(ReportTables.Read(folder.Path), null);

        // Killing has its own charts (one per antibody), so it is not also one of the metric charts.
        Assert.Equal(["percent_dead"], charts.Metrics.Select(c => c.Name));
        Assert.Equal(["Killing with RTX", "Killing with OFA"], charts.Killing.Select(c => c.Title));
        var rituximab = charts.Killing[0];
        Assert.Equal(["UT", "LEN"], rituximab.Bars.Select(b => b.Condition));
        Assert.Equal([("CLL01", 40.0), ("CLL02", 60.0)], rituximab.Bars[1].Donors.Select(d => (d.Donor, d.Value)));
        Assert.Equal(0.02, rituximab.Bars[1].PValue);
        Assert.Null(rituximab.Bars[0].PValue);
        Assert.Equal([("CLL01", 40.0), ("CLL02", 50.0)], charts.Metrics[0].Bars[0].Donors.Select(d => (d.Donor, d.Value)));
        Assert.Equal(["CLL01", "CLL02"], charts.Donors);
    }
}
