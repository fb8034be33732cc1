using System.Diagnostics;
using System.Text.Json;
using CytoViability.Core.Csv;

namespace CytoViability.Cli.Tests.Hostile;

/// <summary>
/// The output folder as a lab's data manager needs it: it changes as one unit (a run killed at any moment leaves the
/// previous run whole or the new run whole), one run at a time, only folders CytoViability owns, never the
/// experiment folder under another name, and no file of an earlier run left behind.
/// </summary>
public sealed class OutputFolderAttackTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly HostileExperiment _experiment = new(files: 4, eventsPerFile: 3_000);

    public void Dispose() => _experiment.Dispose();

    private string[] RunArguments(string output, params string[] more)
        => ["run", _experiment.Folder, "--template", Path.Combine(_experiment.Folder, "t.yaml"), "--out", output, "--threads", "2", .. more];

    private (int Exit, string Text) RunHere(string output, params string[] more)
    {
        var log = new StringWriter();
        var exit = CliApp.Run(RunArguments(output, more), log, log);
        return (exit, log.ToString());
    }

    [Fact]
    public void KilledAtAnyMomentOfARun_TheFolderHoldsOneWholeRun_NeverTheNewTablesBesideTheOldReport()
    {
        var output = _experiment.Out();
        var first = RunHere(output);
        Assert.True(first.Exit == 0, first.Text);
        var previous = HostileExperiment.FinalFiles(output);
        Assert.Contains("report.html", previous.Keys);

        // Each kill lands a few milliseconds after the run has written its run.json, when the report is being drawn.
        var killedMidRun = 0;
        foreach (var delay in new[] { 0, 30, 100 })
        {
            using (var child = ChildRun.Start(RunArguments(output)))
            {
                if (WaitForNewRunJson(child, DateTime.UtcNow))
                {
                    Thread.Sleep(delay);
                    killedMidRun += child.HasExited ? 0 : 1;
                }

                child.Kill();
            }

            var now = HostileExperiment.FinalFiles(output);
            Assert.Equal(previous.Keys, now.Keys);
            if (now["run.json"].AsSpan().SequenceEqual(previous["run.json"]))
            {
                foreach (var (name, bytes) in now)
                {
                    Assert.True(previous[name].AsSpan().SequenceEqual(bytes), name + " changed although run.json did not (kill " + delay + " ms after run.json)");
                }
            }
            else
            {
                using var run = JsonDocument.Parse(now["run.json"]);
                var started = run.RootElement.GetProperty("started_utc").GetString()!;
                Assert.True(System.Text.Encoding.UTF8.GetString(now["report.html"]).Contains(started, StringComparison.Ordinal), "report.html is not the report of the run in run.json (kill " + delay + " ms after run.json)");
                previous = now;
            }
        }

        Assert.True(killedMidRun >= 2, "only " + killedMidRun + " kills landed during a run");

        // The killed runs' locks died with them: the next run proceeds and leaves nothing of theirs beside the folder.
        var last = RunHere(output);
        Assert.True(last.Exit == 0, last.Text);
        var beside = Directory.GetFileSystemEntries(_experiment.Root).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(beside, name => name!.StartsWith(".out", StringComparison.Ordinal) && !name.EndsWith(".cvlock", StringComparison.Ordinal) && !name.EndsWith(".cvowner", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportOfAFolderWhoseGatePlotsCameFromAnotherRun_IsRefused()
    {
        var earlier = _experiment.Out("earlier");
        var later = _experiment.Out("later");
        Assert.Equal(0, RunHere(earlier).Exit);
        File.Delete(Directory.GetFiles(_experiment.Folder, "*.fcs").Order(StringComparer.Ordinal).First());
        Assert.Equal(0, RunHere(later).Exit);
        File.Copy(Path.Combine(earlier, "plots", "gate-plots.bin"), Path.Combine(later, "plots", "gate-plots.bin"), overwrite: true);
        var report = File.ReadAllBytes(Path.Combine(later, "report.html"));

        var log = new StringWriter();
        var exit = CliApp.Run(["report", later], log, log);

        Assert.Equal(1, exit);
        Assert.Contains("gate-plots.bin", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("another run", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(report, File.ReadAllBytes(Path.Combine(later, "report.html")));
    }

    [Fact]
    public void ASecondRunIntoAFolderInUse_IsRefused_NamingTheProcessThatHoldsIt()
    {
        var output = _experiment.Out();
        Assert.Equal(0, RunHere(output, "--no-report").Exit);
        var before = HostileExperiment.FinalFiles(output);

        (int Exit, string Text) second;
        using (HoldLock(output))
        {
            second = RunHere(output, "--no-report");
        }

        Assert.Equal(1, second.Exit);
        Assert.Contains("output folder in use by process " + Environment.ProcessId, second.Text, StringComparison.Ordinal);
        Assert.Equal(before, HostileExperiment.FinalFiles(output));
    }

    [Fact]
    public async Task WithWait_ASecondRunWaitsUntilTheFolderIsFree_ThenRuns()
    {
        var output = _experiment.Out();
        Task<(int Exit, string Text)> waiting;
        using (HoldLock(output))
        {
            waiting = Task.Run(() => RunHere(output, "--no-report", "--wait"));
            Thread.Sleep(700);
            Assert.False(waiting.IsCompleted, "the run did not wait");
        }

        var (exit, text) = await waiting.WaitAsync(Limit, TestContext.Current.CancellationToken);
        Assert.True(exit == 0, text);
        Assert.True(File.Exists(Path.Combine(output, "qc.csv")));
    }

    [Fact]
    public void NoReportRunIntoAUsedFolder_LeavesNoReportOrPlotsOfTheEarlierRun()
    {
        var output = _experiment.Out();
        Assert.Equal(0, RunHere(output).Exit);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));

        Assert.Equal(0, RunHere(output, "--no-report").Exit);

        Assert.False(File.Exists(Path.Combine(output, "report.html")), "report.html of the earlier run survived a --no-report run");
        Assert.False(Directory.Exists(Path.Combine(output, "plots")), "plots/ of the earlier run survived a --no-report run");
        Assert.True(File.Exists(Path.Combine(output, "qc.csv")));
    }

    [Fact]
    public void ReRunWithoutASample_LeavesNoPlotsOfIt()
    {
        var output = _experiment.Out();
        Assert.Equal(0, RunHere(output).Exit);
        // Each sample's gate plots are on its page under report/.
        var samples = Directory.GetFiles(Path.Combine(output, "report"), "*.html").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, samples.Count);
        var removed = Directory.GetFiles(_experiment.Folder, "*.fcs").Order(StringComparer.Ordinal).Last();
        File.Delete(removed);

        Assert.Equal(0, RunHere(output).Exit);

        var now = Directory.GetFiles(Path.Combine(output, "report"), "*.html").Select(Path.GetFileName).ToList();
        Assert.Equal(3, now.Count);
        Assert.Single(samples.Except(now));
    }

    [Fact]
    public void NonEmptyFolderThatIsNotACytoViabilityOutput_IsRefused_AndLeftAlone()
    {
        var output = _experiment.Out("thesis");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "chapter1.docx"), "years of work");
        File.WriteAllText(Path.Combine(output, "summary.csv"), "mine\n");

        var (exit, text) = RunHere(output);

        Assert.Equal(1, exit);
        Assert.Contains("not a CytoViability output folder", text, StringComparison.Ordinal);
        Assert.Equal(["chapter1.docx", "summary.csv"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(output, "summary.csv")));
    }

    [Fact]
    public void OutputThroughASymlinkToTheExperimentOrAroundIt_IsRefused_AndTheExperimentIsUntouched()
    {
        File.WriteAllText(Path.Combine(_experiment.Folder, "summary.csv"), "the lab's own summary\n");
        var before = HostileExperiment.Fingerprints(_experiment.Folder);
        var toExperiment = _experiment.Out("link-to-experiment");
        Directory.CreateSymbolicLink(toExperiment, _experiment.Folder);
        var aroundIt = _experiment.Out("link-to-its-parent");
        Directory.CreateSymbolicLink(aroundIt, _experiment.Root);

        foreach (var output in new[] { toExperiment, aroundIt })
        {
            var (exit, text) = RunHere(output);

            Assert.True(exit == 1, output + ": exit " + exit + "\n" + text);
            Assert.Contains("experiment folder", text, StringComparison.Ordinal);
        }

        Assert.Equal(before, HostileExperiment.Fingerprints(_experiment.Folder));
    }

    [Fact]
    public void AFileReachedThroughASymlinkChainOutOfTheFolder_IsAFailRow_AndRunJsonNeverListsIt()
    {
        var outside = Path.Combine(_experiment.Root, "outside");
        _experiment.WriteFcs("secret.fcs", 3_000, 99, directory: outside);
        Directory.CreateDirectory(Path.Combine(outside, "sub"));
        var secretHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(outside, "secret.fcs"))));
        File.CreateSymbolicLink(Path.Combine(_experiment.Folder, "s"), "../outside/sub");
        File.CreateSymbolicLink(Path.Combine(_experiment.Folder, "evil.fcs"), "s/../secret.fcs");
        var output = _experiment.Out();

        var (exit, text) = RunHere(output, "--no-report");

        Assert.True(exit == 2, text);
        var qc = CsvReader.ReadFile(Path.Combine(output, "qc.csv"));
        var row = Assert.Single(qc.Rows, r => r[qc.RequireColumn("file")] == "evil.fcs");
        Assert.Equal("fail", row[qc.RequireColumn("status")]);
        Assert.Equal("containment", row[qc.RequireColumn("check")]);
        var populations = CsvReader.ReadFile(Path.Combine(output, "populations.csv"));
        Assert.DoesNotContain(populations.Rows, r => r[populations.RequireColumn("file")] == "evil.fcs");
        var runJson = File.ReadAllText(Path.Combine(output, "run.json"));
        Assert.DoesNotContain(secretHash, runJson, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemplateReachedThroughASymlinkChainOutOfTheFolder_IsAConfigurationError()
    {
        var outside = Path.Combine(_experiment.Root, "outside");
        Directory.CreateDirectory(Path.Combine(outside, "sub"));
        File.WriteAllText(Path.Combine(outside, "stolen.yaml"), HostileExperiment.TemplateText);
        File.CreateSymbolicLink(Path.Combine(_experiment.Folder, "s"), "../outside/sub");
        File.CreateSymbolicLink(Path.Combine(_experiment.Folder, "evil.yaml"), "s/../stolen.yaml");
        File.WriteAllText(Path.Combine(_experiment.Folder, "experiment.yaml"), "template: evil.yaml\n");
        var log = new StringWriter();

        var exit = CliApp.Run(["run", _experiment.Folder, "--out", _experiment.Out(), "--no-report"], log, log);

        Assert.True(exit == 1, log.ToString());
        Assert.Contains("outside", log.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_experiment.Out()) && Directory.EnumerateFileSystemEntries(_experiment.Out()).Any(), "outputs were written");
    }

    [Fact]
    public void FilesOverTheSizeLimitOfTheRun_AreFailRowsNamingTheOption()
    {
        var output = _experiment.Out();

        var (exit, text) = RunHere(output, "--no-report", "--max-file-size", "10K");

        Assert.True(exit == 3, text);
        var qc = CsvReader.ReadFile(Path.Combine(output, "qc.csv"));
        var fails = qc.Rows.Where(r => r[qc.RequireColumn("status")] == "fail").ToList();
        Assert.Equal(4, fails.Count);
        Assert.All(fails, r => Assert.Contains("--max-file-size", r[qc.RequireColumn("message")], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("five")]
    [InlineData("3T")]
    [InlineData("2G")]
    public void AMaximumFileSizeOutOfRange_IsAUsageError(string size)
    {
        var (exit, text) = RunHere(_experiment.Out(), "--no-report", "--max-file-size", size);

        Assert.Equal(1, exit);
        Assert.Contains("--max-file-size must be", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_experiment.Out()));
    }

    [Fact]
    public void AnUnwritableTempFolder_DoesNotCostTheRunItsLog_NorEndInAStackTrace()
    {
        var notAFolder = Path.Combine(_experiment.Root, "tmp-is-a-file");
        File.WriteAllText(notAFolder, "x");
        var output = _experiment.Out();

        var (exit, _, error) = ChildRun.Run(RunArguments(output, "--no-report"), Limit, environment: new Dictionary<string, string> { ["TMPDIR"] = notAFolder });

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", error, StringComparison.Ordinal);
        Assert.Contains("[INF] template " + Path.Combine(_experiment.Folder, "t.yaml"), File.ReadAllText(Path.Combine(output, "run.log")), StringComparison.Ordinal);
    }

    [Fact]
    public void AFullDiskDuringTheReport_ExitsNonZero_AndThePreviousRunStaysWhole()
    {
        var output = _experiment.Out();
        Assert.Equal(0, RunHere(output).Exit);
        var previous = HostileExperiment.FinalFiles(output);
        var report = previous["report.html"].Length;
        var tables = previous.Where(file => !file.Key.StartsWith("plots", StringComparison.Ordinal) && !file.Key.StartsWith("report", StringComparison.Ordinal)).Max(file => file.Value.Length);
        Assert.True(report > 2 * tables + 4096, "report.html (" + report + " bytes) is not much larger than the largest table (" + tables + " bytes)");

        // Files may grow to halfway between: every table fits, report.html does not (EFBIG, as a file system filling up mid-report).
        var (exit, _, error) = ChildRun.Run(RunArguments(output), Limit, fileSizeLimitKb: (report + tables) / 2 / 1024);

        Assert.True(exit is not 0 and not 2, "exit " + exit + ": " + error);
        Assert.Contains("could not be written", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        var now = HostileExperiment.FinalFiles(output);
        Assert.Equal(previous.Keys, now.Keys);
        foreach (var (name, bytes) in now)
        {
            Assert.True(previous[name].AsSpan().SequenceEqual(bytes), name + " was touched by the failed run");
        }
    }

    [Fact]
    public void AStandardOutputOnAFullDisk_IsAOneLineError_NotAStackTrace()
    {
        var error = new StringWriter();

        var exit = CliApp.Run(RunArguments(_experiment.Out(), "--no-report"), new FullDiskWriter(), error);

        Assert.True(exit == 1, error.ToString());
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("No space left on device", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnExportKilledMidWrite_LeavesNoHiddenFileOnceTheNextExportStarts()
    {
        _experiment.WriteFcs("big.fcs", 400_000, 7, directory: _experiment.Root);
        var csvFolder = Path.Combine(_experiment.Root, "csv");
        Directory.CreateDirectory(csvFolder);
        var csv = Path.Combine(csvFolder, "events.csv");
        using (var child = ChildRun.Start(["export", Path.Combine(_experiment.Root, "big.fcs"), "--out", csv]))
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Limit && !child.HasExited && !Directory.EnumerateFiles(csvFolder).Any(file => new FileInfo(file).Length > 1 << 20))
            {
                Thread.Sleep(5);
            }

            Assert.False(child.HasExited, "the export ended before it could be killed mid-write");
            child.Kill();
        }

        Assert.NotEmpty(Directory.GetFiles(csvFolder));
        var small = Directory.GetFiles(_experiment.Folder, "*.fcs").Order(StringComparer.Ordinal).First();

        var log = new StringWriter();
        Assert.Equal(0, CliApp.Run(["export", small, "--out", csv], log, log));

        Assert.Equal(["events.csv"], Directory.GetFiles(csvFolder).Select(Path.GetFileName));
    }

    /// <summary>True once the child has written a run.json (under any name, in or beside the output folder) after <paramref name="since"/>.</summary>
    private bool WaitForNewRunJson(ChildRun child, DateTime since)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Limit && !child.HasExited)
        {
            foreach (var file in Directory.EnumerateFiles(_experiment.Root, "*run.json*", SearchOption.AllDirectories))
            {
                if (!file.StartsWith(_experiment.Folder, StringComparison.Ordinal) && File.GetLastWriteTimeUtc(file) > since)
                {
                    return true;
                }
            }

            Thread.Sleep(2);
        }

        return false;
    }

    /// <summary>Takes the output folder's lock as a running `cytoviability run` does (docs/outputs.md).</summary>
    private static FileStream HoldLock(string output)
    {
        var parent = Path.GetDirectoryName(output)!;
        var name = Path.GetFileName(output);
        var held = new FileStream(Path.Combine(parent, "." + name + ".cvlock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        File.WriteAllText(Path.Combine(parent, "." + name + ".cvowner"), Environment.ProcessId + "\n");
        return held;
    }

    /// <summary>A console output redirected to a file on a full disk (or /dev/full): every write fails with ENOSPC.</summary>
    private sealed class FullDiskWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");
    }
}
