namespace CytoViability.Cli.Tests.Reports;

public sealed class ReportCommandTests
{
    [Fact]
    public void Report_MissingFolder_ExitCode1WithMessage()
    {
        var writer = new StringWriter();

        var exit = CliApp.Run(["report", Path.Combine(Path.GetTempPath(), "cv-no-such-" + Guid.NewGuid().ToString("N"))], writer, writer);

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_AfterRun_RebuildsTheSameReportFromTheOutputsAlone()
    {
        var output = Path.Combine(Path.GetTempPath(), "cv-report-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var runLog = new StringWriter();
            var runExit = CliApp.Run(["run", Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "purity"), "--out", output, "--threads", "2"], runLog, runLog);
            Assert.Equal(0, runExit);
            var report = Path.Combine(output, "report.html");
            var fromRun = File.ReadAllText(report);
            File.Delete(report);

            var writer = new StringWriter();
            var exit = CliApp.Run(["report", output], writer, writer);

            Assert.Equal(0, exit);
            Assert.Equal(fromRun, File.ReadAllText(report));
            Assert.Contains("(10 figures)", writer.ToString(), StringComparison.Ordinal);
            Assert.Contains("CLL03_CD5_CD19_001 · cd5_cd19</text>", File.ReadAllText(Path.Combine(output, "report", "CLL03_CD5_CD19_001.html")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Run_NoReport_WritesTablesButNoReport()
    {
        var output = Path.Combine(Path.GetTempPath(), "cv-report-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var log = new StringWriter();
            var exit = CliApp.Run(["run", Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "purity"), "--out", output, "--no-report"], log, log);

            Assert.Equal(0, exit);
            Assert.True(File.Exists(Path.Combine(output, "qc.csv")));
            Assert.False(File.Exists(Path.Combine(output, "report.html")));
            Assert.False(Directory.Exists(Path.Combine(output, "plots")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
