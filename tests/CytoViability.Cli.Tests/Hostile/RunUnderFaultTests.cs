using System.Diagnostics;
using System.Text.Json;
using CytoViability.Core.Csv;
using CytoViability.Core.Files;
using CytoViability.Core.Output;

namespace CytoViability.Cli.Tests.Hostile;

/// <summary>
/// `cytoviability run` under faults: killed (SIGKILL) while writing, a file system that refuses writes (these in a
/// child process), inputs that are not files or vanished (in the test's process, under the same time limit). Previous outputs survive whole, no partial file ever carries a
/// final name, and bad inputs are `fail` rows in qc.csv, not crashes or hangs.
/// </summary>
public sealed class RunUnderFaultTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly HostileExperiment _experiment = new(files: 24, eventsPerFile: 20_000);

    public void Dispose() => _experiment.Dispose();

    private string[] RunArguments(string output) => ["run", _experiment.Folder, "--template", Path.Combine(_experiment.Folder, "t.yaml"), "--out", output, "--no-report", "--threads", "2"];

    [Fact]
    public void KilledWhileWriting_LeavesThePreviousOutputsWhole_AndNoPartialFileUnderAFinalName()
    {
        var output = _experiment.Out();
        var first = InProcessRun.Run(RunArguments(output), Limit);
        Assert.True(first.Exit == 0, first.Error);
        var previous = HostileExperiment.FinalFiles(output);
        Assert.Contains("qc.csv", previous.Keys);
        Assert.Contains("populations.csv", previous.Keys);

        var killedWhileStaging = 0;
        foreach (var delayAfterFirstTemporary in new[] { 0, 0, 2, 5, 10, 20, 40, 80 })
        {
            using (var child = ChildRun.Start(RunArguments(output)))
            {
                var staged = WaitForStaging(output, child, TimeSpan.FromSeconds(60));
                if (staged)
                {
                    Thread.Sleep(delayAfterFirstTemporary);
                    killedWhileStaging += child.HasExited ? 0 : 1;
                }

                child.Kill();
            }

            // Whatever moment the kill hit, every final-named file is a whole file of one run or the other; the
            // tables are identical across runs (same inputs), and run.json must be complete JSON.
            var now = HostileExperiment.FinalFiles(output);
            Assert.Equal(previous.Keys, now.Keys);
            foreach (var (name, bytes) in now)
            {
                if (name == "run.json")
                {
                    using var document = JsonDocument.Parse(bytes);
                }
                else if (name is not "run.log" and not OutputMarker.FileName)
                {
                    Assert.True(previous[name].AsSpan().SequenceEqual(bytes), name + " changed or is partial after a kill " + delayAfterFirstTemporary + " ms into writing");
                }
            }
        }

        Assert.True(killedWhileStaging >= 4, "only " + killedWhileStaging + " kills landed while outputs were being written");

        // The next run clears what the killed ones left: no temporaries, no journal.
        var last = InProcessRun.Run(RunArguments(output), Limit);
        Assert.Equal(0, last.Exit);
        Assert.Empty(Directory.GetFiles(output, "*.cvtmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(output, "*.cvjournal", SearchOption.AllDirectories));
    }

    [Fact]
    public void FileSystemRefusingWrites_IsAClearOneLineError_AndThePreviousOutputsStay()
    {
        var output = _experiment.Out();
        var first = InProcessRun.Run(RunArguments(output), Limit);
        Assert.Equal(0, first.Exit);
        var previous = HostileExperiment.FinalFiles(output);

        // Files may grow to 8 KB only: populations.csv and mfi.csv of 24 samples are larger (EFBIG, as on a file
        // system with a small file size limit or a process under `ulimit -f`).
        var (exit, _, error) = ChildRun.Run(RunArguments(output), Limit, fileSizeLimitKb: 8);

        Assert.True(exit is not 0 and not 2, "exit " + exit + ": " + error);
        Assert.True(error.Contains("could not be written", StringComparison.Ordinal) && error.Contains("too large for the file system", StringComparison.Ordinal), error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        var now = HostileExperiment.FinalFiles(output);
        Assert.Equal(previous.Keys, now.Keys);
        foreach (var (name, bytes) in now)
        {
            Assert.True(previous[name].AsSpan().SequenceEqual(bytes), name + " was touched by the failed run");
        }

        Assert.Empty(Directory.GetFiles(output, "*.cvtmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void FullDisk_IsAClearError_AndThePreviousOutputsStay()
    {
        // A real ENOSPC needs a small file system: a 1 MB tmpfs where mounting is allowed (root, as CI runs),
        // otherwise the output goes to a folder whose files cannot grow (the test above, EFBIG).
        var mountPoint = Path.Combine(_experiment.Root, "tiny");
        Directory.CreateDirectory(mountPoint);
        var mounted = Shell("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint) == 0;
        try
        {
            var output = Path.Combine(mountPoint, "out");
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "qc.csv"), "sample,file,check,value,threshold,status,message\nold,old.fcs,events,1,1,pass,\n");
            File.WriteAllText(Path.Combine(output, OutputMarker.FileName), "cytoviability output folder\n");
            if (mounted)
            {
                // Leave about 8 KB free, less than the new tables need.
                using var filler = new FileStream(Path.Combine(mountPoint, "filler"), FileMode.CreateNew);
                var block = new byte[4096];
                try
                {
                    while (true)
                    {
                        filler.Write(block);
                        filler.Flush();
                    }
                }
                catch (IOException)
                {
                    // Full.
                }

                filler.SetLength(Math.Max(0, filler.Length - 8192));
            }

            // On the tmpfs the disk itself is full, so the run needs no process of its own; the fallback needs `ulimit -f`.
            var (exit, _, error) = mounted ? InProcessRun.Run(RunArguments(output), Limit) : ChildRun.Run(RunArguments(output), Limit, 8);

            Assert.True(exit != 0, "exit 0: " + error);
            Assert.True(error.Contains("could not be written", StringComparison.Ordinal) && error.Contains(mounted ? "No space left on device" : "too large for the file system", StringComparison.Ordinal), error);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.Equal("sample,file,check,value,threshold,status,message\nold,old.fcs,events,1,1,pass,\n", File.ReadAllText(Path.Combine(output, "qc.csv")));
            Assert.Equal([OutputMarker.FileName, "qc.csv"], HostileExperiment.FinalFiles(output).Keys);
        }
        finally
        {
            if (mounted)
            {
                Shell("umount", "-l", mountPoint);
            }
        }
    }

    [Fact]
    public void A_file_too_large_for_a_256_MB_heap_is_a_fail_row_and_the_other_files_are_gated()
    {
        // 8 million events × 4 float channels: 128 MB of decoded columns, then the float64 columns gating and
        // statistics compute, under a heap limit of 256 MB (as a container gives) — that one file cannot fit; the 24
        // small ones must still get results. Its size is the point, so its events repeat a block of 20,000 (as many
        // as each small file has).
        _experiment.WriteFcs("D0_huge.fcs", 8_000_000, 99, distinctEvents: 20_000);
        var output = _experiment.Out();

        var (exit, _, error) = ChildRun.Run(["run", _experiment.Folder, "--template", Path.Combine(_experiment.Folder, "t.yaml"), "--out", output, "--no-report", "--threads", "1"], Limit, environment: new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" });

        Assert.True(exit == 2, "exit " + exit + ": " + error);
        var qc = CsvReader.ReadFile(Path.Combine(output, "qc.csv"));
        var huge = Assert.Single(qc.Rows, row => row[qc.RequireColumn("file")] == "D0_huge.fcs");
        Assert.Equal("fail", huge[qc.RequireColumn("status")]);
        Assert.Contains("memory", huge[qc.RequireColumn("message")], StringComparison.Ordinal);
        var populations = CsvReader.ReadFile(Path.Combine(output, "populations.csv"));
        Assert.Equal(24, populations.Rows.Select(row => row[populations.RequireColumn("file")]).Distinct().Count());
    }

    [Fact]
    public void InputsThatAreNotFilesOrVanished_AreFailRows_NotCrashesOrHangs()
    {
        var folder = _experiment.Folder;
        Assert.Equal(0, Shell("mkfifo", Path.Combine(folder, "D9_pipe.fcs")));
        Directory.CreateDirectory(Path.Combine(folder, "D9_folder.fcs"));
        File.CreateSymbolicLink(Path.Combine(folder, "D9_vanished.fcs"), Path.Combine(folder, "deleted-before-the-run.fcs"));
        File.WriteAllBytes(Path.Combine(folder, "D9_empty.fcs"), []);
        var output = _experiment.Out();

        var (exit, _, error) = InProcessRun.Run(RunArguments(output), Limit);

        Assert.True(exit == 2, "exit " + exit + ": " + error);
        var qc = CsvReader.ReadFile(Path.Combine(output, "qc.csv"));
        var failed = qc.Rows.Where(row => row[qc.RequireColumn("status")] == "fail").Select(row => row[qc.RequireColumn("file")]).ToHashSet();
        Assert.Contains("D9_pipe.fcs", failed);
        Assert.Contains("D9_vanished.fcs", failed);
        Assert.Contains("D9_empty.fcs", failed);
        var populations = CsvReader.ReadFile(Path.Combine(output, "populations.csv"));
        Assert.Equal(24, populations.Rows.Select(row => row[populations.RequireColumn("file")]).Distinct().Count());
    }

    [Fact]
    public void SheetNamingAFolderAPipeOrAVanishedFile_GivesFailRows_TheRestIsProcessed()
    {
        var folder = _experiment.Folder;
        Assert.Equal(0, Shell("mkfifo", Path.Combine(folder, "pipe.dat")));
        Directory.CreateDirectory(Path.Combine(folder, "folder.dat"));
        var rows = Directory.GetFiles(folder, "*.fcs").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(name => name + ",a").ToList();
        rows.AddRange(["pipe.dat,b", "folder.dat,c", "vanished.fcs,d"]);
        File.WriteAllText(Path.Combine(folder, "samples.csv"), "file,treatment\n" + string.Join('\n', rows) + "\n");
        var output = _experiment.Out();

        var (exit, _, error) = InProcessRun.Run([.. RunArguments(output), "--samples", Path.Combine(folder, "samples.csv")], Limit);

        Assert.True(exit == 2, "exit " + exit + ": " + error);
        var qc = CsvReader.ReadFile(Path.Combine(output, "qc.csv"));
        var failed = qc.Rows.Where(row => row[qc.RequireColumn("status")] == "fail").Select(row => row[qc.RequireColumn("file")]).ToHashSet();
        Assert.Contains("pipe.dat", failed);
        Assert.Contains("folder.dat", failed);
        Assert.Contains("vanished.fcs", failed);
        var populations = CsvReader.ReadFile(Path.Combine(output, "populations.csv"));
        Assert.Equal(24, populations.Rows.Select(row => row[populations.RequireColumn("file")]).Distinct().Count());
    }

    /// <summary>True once the run has written its first table into its new generation (a hidden folder beside the output).</summary>
    private static bool WaitForStaging(string output, ChildRun child, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var pattern = "." + Path.GetFileName(output) + ".*.cvgen";
        while (clock.Elapsed < limit && !child.HasExited)
        {
            if (Directory.EnumerateDirectories(Path.GetDirectoryName(output)!, pattern).Any(generation => File.Exists(Path.Combine(generation, "populations.csv"))))
            {
                return true;
            }

            Thread.Sleep(1);
        }

        return false;
    }

    private static int Shell(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
