using CytoViability.Core.Assays;
using CytoViability.Core.Qc;
using CytoViability.Core.Statistics;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Qc;

public sealed class QcEvaluatorTests
{
    private readonly QcEvaluator _defaults = new();

    [Theory]
    [InlineData(89.99, QcStatus.Fail)]
    [InlineData(90.0, QcStatus.Pass)]
    [InlineData(97.5, QcStatus.Pass)]
    public void Purity_AgainstNinetyPercent_FailsBelow(double purity, object expected)
    {
        var row = _defaults.Purity("D1_purity", "d1.fcs", purity);

        Assert.Equal((QcStatus)expected, row.Status);
        Assert.Equal(QcChecks.Purity, row.Check);
        Assert.Equal(90.0, row.Threshold);
        Assert.Equal(purity, row.Value);
    }

    [Fact]
    public void Purity_EmptyParent_Fails()
    {
        Assert.Equal(QcStatus.Fail, _defaults.Purity("S", "s.fcs", double.NaN).Status);
    }

    [Fact]
    public void KeyPopulationEvents_FewTargets_WarnsWithTheCountInTheMessage()
    {
        var evaluator = new QcEvaluator(new QcOptions { MinimumEvents = [new("Targets", new QcRule(500, QcStatus.Warn))] });

        var row = evaluator.KeyPopulationEvents("S", "s.fcs", "targets", 499);

        Assert.NotNull(row);
        Assert.Equal(QcStatus.Warn, row.Status);
        Assert.Equal(499.0, row.Value);
        Assert.Contains("targets: 499 events", row.Message, StringComparison.Ordinal);
        Assert.Equal(QcStatus.Pass, evaluator.KeyPopulationEvents("S", "s.fcs", "Targets", 500)!.Status);
    }

    [Fact]
    public void KeyPopulationEvents_Defaults_FailAFileUnderAThousandEventsAndSkipOtherPopulations()
    {
        Assert.Equal(QcStatus.Fail, _defaults.KeyPopulationEvents("S", "s.fcs", QcOptions.AllEvents, 999)!.Status);
        Assert.Equal(QcStatus.Pass, _defaults.KeyPopulationEvents("S", "s.fcs", QcOptions.AllEvents, 1000)!.Status);
        Assert.Null(_defaults.KeyPopulationEvents("S", "s.fcs", "Lymphocytes", 3));
    }

    [Fact]
    public void Saturation_TwentyPercentAtMaximumAndTenAtMinimum_WarnAboveFivePercent()
    {
        var values = new float[10];
        values[0] = 262143;
        values[1] = 262143;
        for (var i = 2; i < values.Length; i++)
        {
            values[i] = 1000 * i;
        }

        var edges = EdgeEventCounts.Compute(values, 262144);

        var high = _defaults.SaturationAtMaximum("S", "s.fcs", "SSC-A", edges);
        var low = _defaults.SaturationAtMinimum("S", "s.fcs", "SSC-A", edges);

        Assert.Equal(QcStatus.Warn, high.Status);
        Assert.Equal(20.0, high.Value!.Value, 12);
        Assert.Equal(QcStatus.Warn, low.Status);
        Assert.Equal(10.0, low.Value!.Value, 12);
        Assert.Equal(5.0, low.Threshold);
    }

    [Fact]
    public void Options_ConfiguredRules_ReplaceTheDefaults()
    {
        var strict = new QcEvaluator(new QcOptions { Purity = new QcRule(95, QcStatus.Warn), SaturationMaximumPercent = new QcRule(25, QcStatus.Fail) });
        var edges = new EdgeEventCounts(100, 30, 1);

        Assert.Equal(QcStatus.Warn, strict.Purity("S", "s.fcs", 94).Status);
        Assert.Equal(QcStatus.Fail, strict.SaturationAtMaximum("S", "s.fcs", "FSC-A", edges).Status);
    }

    [Fact]
    public void Replicates_WellsTwelvePointsApart_WarnOnEveryWell()
    {
        WellValue[] wells =
        [
            new("D1_A", "a.fcs", "D1", ["none"], 20), new("D1_B", "b.fcs", "D1", ["none"], 32),
            new("D2_A", "c.fcs", "D2", ["none"], 20), new("D2_B", "d.fcs", "D2", ["none"], 25),
            new("D3_A", "e.fcs", "D3", ["none"], 20),
        ];

        var rows = AssayQc.Replicates(_defaults.Options, "percent_dead", Replicates.Average(wells));

        Assert.Equal(4, rows.Count);
        Assert.All(rows.Where(r => r.Sample.StartsWith("D1", StringComparison.Ordinal)), r => Assert.Equal(QcStatus.Warn, r.Status));
        Assert.All(rows.Where(r => r.Sample.StartsWith("D2", StringComparison.Ordinal)), r => Assert.Equal(QcStatus.Pass, r.Status));
        Assert.Equal(12.0, rows[0].Value);
        Assert.Equal(QcChecks.ReplicateDisagreement, rows[0].Check);
    }

    [Fact]
    public void Problems_MissingControl_BecomesAFailRowPerWell()
    {
        var analysis = KillingAssay.Analyse(
            ["antibody"],
            [new TargetWell("D2_ritux_1", "d2r1.fcs", "D2", ["rituximab"], 1000, 500), new TargetWell("D2_ritux_2", "d2r2.fcs", "D2", ["rituximab"], 1000, 520)],
            new KillingOptions(KillingMethod.Specific, new ConditionSelector("antibody", "none")));

        var rows = AssayQc.Problems(analysis.Problems);

        Assert.Equal(["d2r1.fcs", "d2r2.fcs"], rows.Select(r => r.File));
        Assert.All(rows, r => Assert.Equal(QcStatus.Fail, r.Status));
        Assert.All(rows, r => Assert.Equal(QcChecks.ControlMissing, r.Check));
    }

    [Fact]
    public void FileLevelChecks_AreFailures()
    {
        Assert.Equal(QcStatus.Fail, QcEvaluator.UnreadableFile("S", "s.fcs", "TEXT segment at byte 58: truncated").Status);
        var unresolved = QcEvaluator.UnresolvedChannel("S", "s.fcs", "DDAO", "no $PnN or $PnS matches APC-A or DDAO");
        Assert.Equal(QcStatus.Fail, unresolved.Status);
        Assert.Equal(QcChecks.UnresolvedChannel, unresolved.Check);
        Assert.Null(unresolved.Value);
    }
}
