using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CytoViability.Cli.Tests.Run;

/// <summary>
/// The lines a run ends with, on a copy of the purity example (CLL03 below the template's 90 % in truth.csv): every
/// failed file named with its reason, every QC fail named with its value, the purity per panel, where the report is;
/// and `--fail-on-qc` turning a QC fail into exit code 4.
/// </summary>
public sealed partial class ConsoleSummaryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cv-summary-").FullName;
    private readonly string _experiment;

    public ConsoleSummaryTests()
    {
        _experiment = Path.Combine(_root, "purity");
        Directory.CreateDirectory(_experiment);
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "purity")))
        {
            File.Copy(file, Path.Combine(_experiment, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [GeneratedRegex("purity: CLL03_CD5_CD19_001 — purity ([0-9.]+) % below 90 %")]
    private static partial Regex PurityFail();

    private (int Exit, string Console) Run(params string[] extra)
    {
        var writer = new StringWriter();
        var exit = CliApp.Run(["run", _experiment, "--out", Path.Combine(_root, "out"), .. extra], writer, writer);
        return (exit, writer.ToString());
    }

    /// <summary>CLL03's purity in the example's truth.csv.</summary>
    private double TruePurityOfCll03()
    {
        var line = File.ReadLines(Path.Combine(_experiment, "truth.csv")).Single(l => l.StartsWith("file,CLL03_CD5_CD19_001.fcs,", StringComparison.Ordinal) && l.Contains(",purity,", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(',') + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public void APurityFail_IsNamedWithItsValue_AndExitIs4OnlyWithFailOnQc()
    {
        var (plainExit, _) = Run("--no-report");
        var (exit, console) = Run("--no-report", "--fail-on-qc");

        Assert.Equal(0, plainExit);
        Assert.Equal(4, exit);
        Assert.Contains("Needs attention: 1 QC fail (purity). 3 of 3 files processed", console, StringComparison.Ordinal);
        var fail = PurityFail().Match(console);
        Assert.True(fail.Success, console);
        Assert.Equal(TruePurityOfCll03(), double.Parse(fail.Groups[1].Value, CultureInfo.InvariantCulture), 1.5);
        Assert.Contains("Purity: % cd5pos_cd19pos of singlets — mean ± s.e.m. over donors:\n  CD5/CD19: ", console.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("(n = 3)", console, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunThatExits4_SaysQcFailedInRunJson_NotSuccess()
    {
        var (plainExit, _) = Run("--no-report");
        var plain = RunJson();
        var (exit, _) = Run("--no-report", "--fail-on-qc");
        var failing = RunJson();

        Assert.Equal(0, plainExit);
        Assert.Equal("success", plain.GetProperty("status").GetString());
        Assert.Equal(0, plain.GetProperty("exit_code").GetInt32());
        Assert.Equal(4, exit);
        Assert.Equal("qc_failed", failing.GetProperty("status").GetString());
        Assert.Equal(4, failing.GetProperty("exit_code").GetInt32());
        Assert.Equal(1, failing.GetProperty("counts").GetProperty("qc_fail").GetInt32());
    }

    private JsonElement RunJson()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "out", "run.json")));
        return document.RootElement.Clone();
    }

    [Fact]
    public void AMissingFileAndABrokenFile_AreEachNamedWithTheirReason_BesideThePurityFail()
    {
        File.Delete(Path.Combine(_experiment, "CLL02_CD5_CD19_001.fcs"));
        var broken = Path.Combine(_experiment, "CLL01_CD5_CD19_001.fcs");
        File.WriteAllBytes(broken, File.ReadAllBytes(broken)[..3000]);

        var (exit, console) = Run("--fail-on-qc");
        var lines = console.ReplaceLineEndings("\n").Split('\n');

        // Inputs that failed keep exit code 2 even with --fail-on-qc: it is the more specific news.
        Assert.Equal(2, exit);
        Assert.Contains("Needs attention: 2 files failed, 1 QC fail (purity). 1 of 3 files processed", console, StringComparison.Ordinal);
        Assert.Contains("  CLL02_CD5_CD19_001.fcs: listed in the sample sheet (line 3) but not found", lines);
        Assert.Contains(lines, line => line.StartsWith("  CLL01_CD5_CD19_001.fcs: ", StringComparison.Ordinal) && line.Contains("DATA segment", StringComparison.Ordinal) && line.Contains("truncated", StringComparison.Ordinal));
        Assert.Matches(PurityFail(), console);
        Assert.Contains("Report: " + Path.Combine(_root, "out", "report.html"), lines);
        Assert.Contains(lines, line => line.StartsWith("report: gate plots of 1/1 samples drawn", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSummary_HasNoTerminalControlCodes_WhenOutputIsNotATerminal()
    {
        var (_, console) = Run();

        Assert.DoesNotContain('\u001b', console);
        Assert.DoesNotContain('\r', console.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
