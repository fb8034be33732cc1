using System.Text;
using CytoViability.Core.Csv;
using CytoViability.Core.Templates;
using CytoViability.Reports.Charts;
using CytoViability.Reports.Plots;
using CytoViability.Reports.Tests.Html;

namespace CytoViability.Reports.Tests.Charts;

/// <summary>Charts a lab would put in a figure: design order, a titration on a dose axis, no chart of a zero-by-definition metric.</summary>
public sealed class FigureDesignTests
{
    private static GatingTemplate Template(string assays)
    {
        var text = """
            channels: { FSC-A: FSC-A, PI: { marker: PI, detector: PE-A }, DDAO: { marker: DDAO, detector: APC-A } }
            gates:
              - { id: cells, type: range, channel: FSC-A, min: 1 }
              - { id: targets, parent: cells, type: range, channel: DDAO, min: 5000 }
              - { id: dead_targets, parent: targets, type: range, channel: PI, min: 3000 }
              - { id: viable, parent: cells, type: range, channel: PI, max: 3000 }
            """ + "\n" + assays;
        var loaded = TemplateLoader.Load(Encoding.UTF8.GetBytes(text), "test.yaml", Path.GetTempPath());
        return loaded.Template ?? throw new InvalidOperationException(string.Join("\n", loaded.Problems));
    }

    /// <summary>
    /// The viability bars of three treatments: summary.csv lists them alphabetically, the sheet has lenalidomide,
    /// CD40L, untreated, and the template's reference is untreated.
    /// </summary>
    private static IEnumerable<string> ThreeTreatmentsInOrder(IReadOnlyDictionary<string, IReadOnlyList<string>>? stated)
    {
        using var folder = new RunFolder().With("summary.csv",
            "metric,treatment,n_donors,mean,sd,sem,p_value,n_paired\n"
            + "viability,CD40L,3,86.7,4.8,2.8,0.006,3\n"
            + "viability,lenalidomide,3,70.1,2.8,1.6,0.14,3\n"
            + "viability,untreated,3,74.7,5.8,3.3,,0\n");
        var sheet = CsvReader.Read("file,donor,treatment\na.fcs,D1,lenalidomide\nb.fcs,D1,CD40L\nc.fcs,D1,untreated\n");
        var template = Template("assays:\n  viability: { population: viable, of: cells }\nreference: { treatment: untreated }\n");

        var charts = ConditionChartBuilder.Build(ReportTables.Read(folder.Path), template, sheet, stated);

        return [.. Assert.Single(charts.Metrics).Bars.Select(bar => bar.Condition)];
    }

    [Fact]
    public void Conditions_FollowTheSheet_WithTheReferenceFirst()
        => Assert.Equal(["untreated", "lenalidomide", "CD40L"], ThreeTreatmentsInOrder(null));

    [Fact]
    public void Conditions_FollowTheOrderExperimentYamlStates_BeforeTheSheetAndTheReference()
    {
        // The lab lists CD40L first and leaves lenalidomide out: it follows the stated values.
        var stated = new Dictionary<string, IReadOnlyList<string>> { ["treatment"] = ["cd40l", "untreated"] };

        Assert.Equal(["CD40L", "untreated", "lenalidomide"], ThreeTreatmentsInOrder(stated));
    }

    [Fact]
    public void Doses_InNumericOrder_NotAlphabetical()
    {
        using var folder = new RunFolder().With("summary.csv",
            "metric,ligand,concentration,n_donors,mean,sd,sem,p_value,n_paired\n"
            + "viability,FASL,10,2,50,1,1,,0\n"
            + "viability,FASL,2.5,2,60,1,1,,0\n"
            + "viability,FASL,0,2,70,1,1,,0\n"
            + "viability,FASL,100,2,40,1,1,,0\n");

        var chart = Assert.Single(ConditionChartBuilder.Build(ReportTables.Read(folder.Path), null).Metrics);

        Assert.Equal(["FASL · 0", "FASL · 2.5", "FASL · 10", "FASL · 100"], chart.Bars.Select(bar => bar.Condition));
    }

    [Fact]
    public void Titration_IsADoseResponsePlot_OnALogConcentrationAxis()
    {
        using var folder = new RunFolder().With("summary.csv",
            "metric,treatment,ligand,concentration,n_donors,mean,sd,sem,p_value,n_paired\n"
            + "viability,untreated,FASL,1,3,68,9,5,,0\n"
            + "viability,untreated,FASL,5,3,63,9,5,,0\n"
            + "viability,untreated,none,0,3,73,10,6,,0\n"
            + "viability,untreated,TRAIL,1,3,70,10,6,,0\n"
            + "viability,untreated,TRAIL,5,3,64,6,3,,0\n");

        var chart = Assert.Single(ConditionChartBuilder.Build(ReportTables.Read(folder.Path), null).Metrics);
        var series = DoseResponse.Series(chart.Bars, chart.DoseColumn);
        var plot = ConditionChartRenderer.Build(chart, []);
        using var image = plot.GetImage(700, 400);

        Assert.Equal(2, chart.DoseColumn);
        Assert.Equal("concentration", chart.DoseLabel);
        // The no-ligand well is dose 0 of both ligands' lines.
        Assert.Equal(["untreated · FASL", "untreated · TRAIL"], series.Select(line => line.Label));
        Assert.All(series, line => Assert.Equal(["0", "1", "5"], line.Bars.Select(bar => bar.Values[2])));
        // Ticks at log10 of each dose, and 0 one decade below the lowest dose.
        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(tick => tick.IsMajor).Select(tick => (tick.Label, Math.Round(tick.Position, 9))).ToList();
        Assert.Equal([("0", -1.0), ("1", 0.0), ("5", Math.Round(Math.Log10(5), 9))], ticks);
        Assert.Equal("concentration (log scale)", plot.Axes.Bottom.Label.Text);
    }

    [Fact]
    public void Titration_DrawsOneLinePerDonor_InTheirColours_BesideTheMeanWithSem()
    {
        // Three donors' viability at FASL 0, 1 and 5; the mean and s.e.m. are worked by hand:
        // 0: (80 + 70 + 75) / 3 = 75, sd 5, sem 5/√3; 1: (60 + 50 + 64) / 3 = 58; 5: (40 + 30 + 38) / 3 = 36.
        static ConditionBar Dose(string dose, double mean, double a, double b, double c) => new("FASL · " + dose, mean, 5 / Math.Sqrt(3),
            [new DonorPoint("CLL01", a), new DonorPoint("CLL02", b), new DonorPoint("CLL03", c)]) { Values = ["FASL", dose], DonorCount = 3 };
        var chart = new ConditionChart("viability", "Viability", "viable cells (%)",
            [Dose("0", 75, 80, 70, 75), Dose("1", 58, 60, 50, 64), Dose("5", 36, 40, 30, 38)])
        { DoseColumn = 1, DoseLabel = "concentration" };
        string[] donors = ["CLL01", "CLL02", "CLL03"];

        var plot = ConditionChartRenderer.Build(chart, donors);
        var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();

        var donorLines = lines.Where(line => donors.Contains(line.LegendText)).ToList();
        Assert.Equal(donors, donorLines.Select(line => line.LegendText));
        Assert.Equal([80.0, 60, 40], donorLines[0].Data.GetScatterPoints().Select(point => point.Y));
        Assert.Equal([70.0, 50, 30], donorLines[1].Data.GetScatterPoints().Select(point => point.Y));
        Assert.Equal([75.0, 64, 38], donorLines[2].Data.GetScatterPoints().Select(point => point.Y));
        Assert.Equal([-1.0, 0, Math.Round(Math.Log10(5), 12)], donorLines[0].Data.GetScatterPoints().Select(point => Math.Round(point.X, 12)));
        Assert.All(donorLines.Select((line, d) => (line, d)), pair => Assert.Equal(ConditionChartRenderer.DonorColor(pair.d), pair.line.Color));
        var mean = Assert.Single(lines, line => line.LegendText.StartsWith("mean ± s.e.m.", StringComparison.Ordinal));
        Assert.Equal([75.0, 58, 36], mean.Data.GetScatterPoints().Select(point => point.Y));
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public void KillingOfTheControl_IsZeroByDefinition_AndGetsNoChart()
    {
        using var folder = new RunFolder().With("summary.csv",
            "metric,treatment,antibody,n_donors,mean,sd,sem,p_value,n_paired\n"
            + "percent_killing,untreated,none,3,0,0,0,,0\n"
            + "percent_killing,untreated,rituximab,3,20,2,1,,0\n"
            + "percent_killing,lenalidomide,none,3,0,0,0,,3\n"
            + "percent_killing,lenalidomide,rituximab,3,30,2,1,0.03,3\n");
        var template = Template("assays:\n  killing: { dead: dead_targets, of: targets, method: specific, control: { antibody: none } }\nreference: { treatment: untreated }\n");

        var charts = ConditionChartBuilder.Build(ReportTables.Read(folder.Path), template);

        var rituximab = Assert.Single(charts.Killing);
        Assert.Equal("Killing with rituximab", rituximab.Title);
        Assert.Equal(["untreated", "lenalidomide"], rituximab.Bars.Select(bar => bar.Condition));
        Assert.All(charts.Killing.Concat(charts.Metrics), chart => Assert.Contains(chart.Bars, bar => bar.Mean != 0));
    }

    [Fact]
    public void KillingWithoutAnAntibodyColumn_IsOneChartThatNamesNoAntibody()
    {
        using var folder = new RunFolder().With("summary.csv",
            "metric,treatment,effector,n_donors,mean,sd,sem,p_value,n_paired\n"
            + "percent_killing,untreated,none,3,0,0,0,,0\n"
            + "percent_killing,untreated,gdT,3,21,2,1,,0\n"
            + "percent_killing,lenalidomide,gdT,3,27,2,1,0.1,3\n");
        var template = Template("assays:\n  killing: { dead: dead_targets, of: targets, method: specific, control: { effector: none } }\nreference: { treatment: untreated }\n");

        var chart = Assert.Single(ConditionChartBuilder.Build(ReportTables.Read(folder.Path), template).Killing);

        Assert.Equal("Killing of targets (specific killing, against effector none)", chart.Title);
        Assert.DoesNotContain("antibody", chart.Title, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["untreated · gdT", "lenalidomide · gdT"], chart.Bars.Select(bar => bar.Condition));
    }

    [Fact]
    public void KillingOverlay_OneDonorsDeadTargetHistogram_PerAntibody_AsPercentOfItsTargets()
    {
        using var folder = new RunFolder()
            .With("summary.csv", "metric,treatment,antibody,n_donors,mean,sd,sem,p_value,n_paired\n")
            .With("populations.csv",
                "sample,file,population,parent,count,parent_count,percent_parent,percent_total,donor,replicate,treatment,antibody\n"
                + "D1_rtx,D1_rtx.fcs,targets,cells,4,4,100,100,D1,1,untreated,rituximab\n"
                + "D1_none,D1_none.fcs,targets,cells,4,4,100,100,D1,1,untreated,none\n"
                + "D1_len,D1_len.fcs,targets,cells,4,4,100,100,D1,1,lenalidomide,none\n"
                + "D2_none,D2_none.fcs,targets,cells,4,4,100,100,D2,1,untreated,none\n");
        var template = Template("assays:\n  killing: { dead: dead_targets, of: targets, method: specific, control: { antibody: none } }\nreference: { treatment: untreated }\n");
        var axis = new PlotAxis("PI (PE-A)", 0, 1, []);
        SampleGatePlots Sample(string name, int[] counts) => new(name, name + ".fcs",
            [new GatePlot("dead_targets", "targets", axis, null, new DensityGrid(counts.Length, 1, counts), counts.Sum(), [new GateOutline("dead_targets", "Dead", 50, [new PlotPoint(0.5, 0), new PlotPoint(1, 0)], new PlotPoint(0.75, 1))])]);
        List<SampleGatePlots> samples =
        [
            Sample("D1_len", [0, 0, 0, 0, 4, 0, 0, 0]),
            Sample("D1_none", [3, 1, 0, 0, 0, 0, 0, 0]),
            Sample("D1_rtx", [1, 1, 0, 0, 1, 1, 0, 0]),
            Sample("D2_none", [0, 0, 0, 0, 0, 0, 0, 4]),
        ];
        var tables = ReportTables.Read(folder.Path);
        var order = new Results.ConditionOrder(["treatment", "antibody"], null, template, [["untreated", "rituximab"], ["untreated", "none"], ["lenalidomide", "none"]]);

        var overlay = HistogramOverlay.Build(samples, tables, template, order);

        // Donor D1, untreated (the reference): no antibody first, then rituximab; four bins merged into one.
        Assert.NotNull(overlay);
        Assert.Equal(["antibody none", "antibody rituximab"], overlay.Lines.Select(line => line.Label));
        Assert.Equal([100.0, 0.0], overlay.Lines[0].Percent);
        Assert.Equal([50.0, 50.0], overlay.Lines[1].Percent);
        Assert.Equal(0.5, overlay.GateAt);
        Assert.Equal("PI (PE-A) of targets, donor D1 (untreated)", overlay.Title);
    }

    [Fact]
    public void MfiOverlay_OneDonorsLiveCellsOnTheMeasuredChannel_PerConditionInDesignOrder()
    {
        using var folder = new RunFolder()
            .With("summary.csv", "metric,treatment,n_donors,mean,sd,sem,p_value,n_paired\n")
            .With("populations.csv",
                "sample,file,population,parent,count,parent_count,percent_parent,percent_total,donor,replicate,treatment\n"
                + "D1_len,D1_len.fcs,viable,cells,4,4,100,100,D1,1,lenalidomide\n"
                + "D1_ut_1,D1_ut_1.fcs,viable,cells,4,4,100,100,D1,1,untreated\n"
                + "D1_ut_2,D1_ut_2.fcs,viable,cells,4,4,100,100,D1,2,untreated\n"
                + "D2_ut,D2_ut.fcs,viable,cells,4,4,100,100,D2,1,untreated\n");
        var template = Template("assays:\n  mfi_fold: { population: viable, channel: DDAO, reference: { treatment: untreated } }\nreference: { treatment: untreated }\n");
        var axis = new PlotAxis("CD40L (PE-A)", 0, 1, []);
        SampleGatePlots Sample(string name, int[] counts) => new(name, name + ".fcs",
        [
            new GatePlot("viable", "cells", axis, null, new DensityGrid(counts.Length, 1, [.. counts.Reverse()]), counts.Sum(), [new GateOutline("viable", "Viable", 50, [new PlotPoint(0, 0), new PlotPoint(0.5, 0)], new PlotPoint(0.25, 1))]),
            new GatePlot("viable_DDAO", "viable", axis, null, new DensityGrid(counts.Length, 1, counts), counts.Sum(), []),
        ]);
        List<SampleGatePlots> samples =
        [
            Sample("D1_len", [0, 0, 0, 0, 1, 1, 1, 1]),
            Sample("D1_ut_1", [2, 0, 0, 0, 0, 0, 0, 0]),
            Sample("D1_ut_2", [1, 1, 0, 0, 0, 0, 0, 2]),
            Sample("D2_ut", [0, 0, 0, 0, 0, 0, 0, 4]),
        ];
        var tables = ReportTables.Read(folder.Path);
        var order = new Results.ConditionOrder(["treatment"], null, template, [["lenalidomide"], ["untreated"]]);

        var overlay = HistogramOverlay.BuildMfi(samples, tables, template, order);

        // Donor D1: the reference (untreated) first, its two wells pooled (4 of 6 events in the low merged bin).
        Assert.NotNull(overlay);
        Assert.Equal(["treatment untreated", "treatment lenalidomide"], overlay.Lines.Select(line => line.Label));
        Assert.Equal([400.0 / 6, 200.0 / 6], overlay.Lines[0].Percent);
        Assert.Equal([0.0, 100.0], overlay.Lines[1].Percent);
        Assert.Null(overlay.GateAt);
        Assert.Equal("CD40L (PE-A) of viable, donor D1", overlay.Title);
    }

    [Fact]
    public void MfiOverlay_WithoutAnMfiFold_IsNotDrawn()
    {
        using var folder = new RunFolder().With("summary.csv", "metric,treatment,n_donors,mean,sd,sem,p_value,n_paired\n");
        var template = Template("assays:\n  viability: { population: viable, of: cells }\n");
        var order = new Results.ConditionOrder(["treatment"], null, template, [["untreated"]]);

        Assert.Null(HistogramOverlay.BuildMfi([], ReportTables.Read(folder.Path), template, order));
    }

    [Fact]
    public void TwentyFourDonors_EachHaveTheirOwnColourAndShape()
    {
        var looks = Enumerable.Range(0, 24).Select(i => (ConditionChartRenderer.DonorColor(i), ConditionChartRenderer.DonorShape(i))).ToList();

        Assert.Equal(24, looks.Distinct().Count());
    }
}
