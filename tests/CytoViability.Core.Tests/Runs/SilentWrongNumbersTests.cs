using System.Globalization;

namespace CytoViability.Core.Tests.Runs;

/// <summary>
/// Issue 14 items 1–3: numbers that used to come out wrong without a word. Each tube has known truth
/// (<see cref="OneTubeRun"/>: 87 % live when compensated); every choice the engine makes is a qc.csv row.
/// </summary>
public sealed class SilentWrongNumbersTests : IDisposable
{
    private const string StainSpill = "2,DiOC6,PI,1,0.5,0,1";
    private const string DetectorSpill = "2,FITC-A,PE-A,1,0.5,0,1";

    private readonly OneTubeRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void A_spill_naming_the_stains_is_mapped_through_PnS_so_viability_is_the_compensated_87_percent_with_a_note()
    {
        _run.Tube("stains.fcs", "DiOC6", "PI", StainSpill);
        _run.Tube("detectors.fcs", "DiOC6", "PI", DetectorSpill);

        var result = _run.Run();

        Assert.Equal(87.0, result.PercentParent("stains.fcs", "live"));
        Assert.Equal(87.0, result.PercentParent("detectors.fcs", "live"));
        var (status, _, message) = Assert.Single(result.QcRows("stains.fcs", "compensation"));
        Assert.Equal("warn", status);
        Assert.Contains("DiOC6 → FITC-A", message, StringComparison.Ordinal);
        Assert.Contains("PI → PE-A", message, StringComparison.Ordinal);
        Assert.Empty(result.QcRows("detectors.fcs", "compensation"));
    }

    [Fact]
    public void A_spill_naming_detectors_the_file_does_not_have_is_a_compensation_fail_not_a_silent_uncompensated_run()
    {
        _run.Tube("foo.fcs", "DiOC6", "PI", "2,FOO0,FOO1,1,0.5,0,1");
        _run.Tube("good.fcs", "DiOC6", "PI", DetectorSpill);

        var result = _run.Run();

        Assert.Null(result.PercentParent("foo.fcs", "live"));
        var (status, _, message) = Assert.Single(result.QcRows("foo.fcs", "compensation"));
        Assert.Equal("fail", status);
        Assert.Contains("FOO0", message, StringComparison.Ordinal);
        Assert.Equal(87.0, result.PercentParent("good.fcs", "live"));
    }

    [Fact]
    public void A_CD3_CD8_file_under_the_DiOC6_PI_template_fails_each_channel_whose_detector_carries_another_marker()
    {
        _run.Tube("cd3-cd8.fcs", "CD3", "CD8", DetectorSpill);

        var result = _run.Run();

        Assert.Null(result.PercentParent("cd3-cd8.fcs", "live"));
        var rows = result.QcRows("cd3-cd8.fcs", "unresolved_channel");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal("fail", row.Status));
        Assert.Contains(rows, row => row.Message.Contains("'DiOC6'", StringComparison.Ordinal) && row.Message.Contains("FITC-A is labelled 'CD3'", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Message.Contains("'PI'", StringComparison.Ordinal) && row.Message.Contains("PE-A is labelled 'CD8'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tube_whose_PI_label_was_removed_is_gated_on_the_PI_detector_with_one_warn_row_naming_it()
    {
        _run.Tube("unlabelled.fcs", "DiOC6", null, DetectorSpill);
        _run.Tube("labelled.fcs", "DiOC6", "PI", DetectorSpill);

        var result = _run.Run();

        Assert.Equal(87.0, result.PercentParent("unlabelled.fcs", "live"));
        var (status, value, message) = Assert.Single(result.QcRows("unlabelled.fcs", "channel_by_detector"));
        Assert.Equal("warn", status);
        Assert.Equal("1", value);
        Assert.Contains("PI → PE-A", message, StringComparison.Ordinal);
        Assert.DoesNotContain("DiOC6", message, StringComparison.Ordinal);
        Assert.Empty(result.QcRows("labelled.fcs", "channel_by_detector"));
    }

    [Fact]
    public void Ten_percent_NaN_events_in_FSC_and_FITC_are_a_nonfinite_events_warn_row_with_the_count()
    {
        // Every tenth event (100 of 1,000) has NaN in FSC-A and FITC-A; they fall out of "cells".
        var columns = OneTubeRun.Columns();
        for (var e = 0; e < OneTubeRun.Events; e += 10)
        {
            columns[0][e] = float.NaN;
            columns[1][e] = float.NaN;
        }

        _run.Tube("nan.fcs", "DiOC6", "PI", DetectorSpill, columns);
        _run.Tube("clean.fcs", "DiOC6", "PI", DetectorSpill);

        var result = _run.Run();

        var (status, value, message) = Assert.Single(result.QcRows("nan.fcs", "nonfinite_events"));
        Assert.Equal("warn", status);
        Assert.Equal(100, int.Parse(value, CultureInfo.InvariantCulture));
        Assert.Contains("FSC-A 100", message, StringComparison.Ordinal);
        Assert.Contains("DiOC6 100", message, StringComparison.Ordinal);
        var clean = Assert.Single(result.QcRows("clean.fcs", "nonfinite_events"));
        Assert.Equal(("pass", "0"), (clean.Status, clean.Value));
    }
}
