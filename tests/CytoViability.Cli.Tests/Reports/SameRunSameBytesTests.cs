using System.Text.Json.Nodes;
using CytoViability.Cli.Tests.Examples;

namespace CytoViability.Cli.Tests.Reports;

/// <summary>
/// Two runs of one experiment with the same inputs and options write the same bytes: every table, report.html, the
/// report/ pages, every SVG and PNG and plots/gate-plots.bin. What tells one run from another lives in three files
/// only (the mask docs/outputs.md documents): run.log (times), the marker .cytoviability-output (the run id) and
/// run.json, whose run_id, started_utc, timings_ms, threads, output and each input's ms differ and nothing else.
/// </summary>
[Collection(ExampleRunsCollection.Name)]
public sealed class SameRunSameBytesTests(SameRunSameBytesTests.OneThreadRun oneThread, ExampleRunFixture examples) : IClassFixture<SameRunSameBytesTests.OneThreadRun>
{
    private static readonly string[] RunOnlyFiles = ["run.json", "run.log", ".cytoviability-output"];

    /// <summary>The example runs' ADCC run (`run --threads 2` with its report).</summary>
    private string TwoThreads
    {
        get
        {
            var run = examples.Compensated("adcc");
            Assert.True(run.ExitCode == 0, run.Log);
            return run.Folder;
        }
    }

    [Fact]
    public void TheAdccExampleRunTwice_OnOneAndTwoThreads_WritesTheSameFilesByteForByteApartFromTheRunRecord()
    {
        var first = oneThread.Output;
        var second = TwoThreads;

        var files = Files(first);
        Assert.Equal(files, Files(second));
        Assert.Contains("report.html", files);
        Assert.Contains("plots/gate-plots.bin", files);
        Assert.Contains(files, file => file.StartsWith("report/", StringComparison.Ordinal));
        Assert.Contains(files, file => file.EndsWith(".svg", StringComparison.Ordinal));
        Assert.Contains(files, file => file.EndsWith(".png", StringComparison.Ordinal));
        foreach (var file in files.Where(file => !RunOnlyFiles.Contains(file)))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(first, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))), file + " differs between the two runs");
        }

        Assert.Equal(Masked(first), Masked(second));
        var report = File.ReadAllText(Path.Combine(first, "report.html"));
        Assert.DoesNotContain(RunId(first), report, StringComparison.Ordinal);
        Assert.DoesNotContain(first, report, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportRebuiltFromTheOutputFolder_IsTheRunsOwnReportByteForByte()
    {
        var run = TwoThreads;
        var rebuilt = Path.Combine(oneThread.Root, "rebuilt");
        CopyFolder(run, rebuilt);
        var log = new StringWriter();

        Assert.Equal(0, CliApp.Run(["report", rebuilt], log, log));

        foreach (var file in Files(run).Where(file => !RunOnlyFiles.Contains(file)))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(run, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(rebuilt, file))), file + " differs after `report`");
        }
    }

    private static List<string> Files(string folder)
        => [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private static string RunId(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json")))!["run_id"]!.GetValue<string>();

    /// <summary>run.json without what differs between two runs of the same experiment.</summary>
    private static string Masked(string folder)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json")))!.AsObject();
        foreach (var field in new[] { "run_id", "started_utc", "timings_ms", "threads", "output" })
        {
            Assert.True(json.Remove(field), "run.json has no " + field);
        }

        foreach (var input in json["inputs"]!.AsArray())
        {
            input!.AsObject().Remove("ms");
        }

        return json.ToJsonString();
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Files(from))
        {
            var target = Path.Combine(to, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(from, file), target);
        }
    }

    /// <summary>
    /// The ADCC example run once on one thread, with its report; the two-thread run is <see cref="ExampleRunFixture"/>'s
    /// (the example runs' collection), so the example is run twice, not three times, for both tests and the example
    /// tests. Both tests only read the runs (the rebuild works on a copy).
    /// </summary>
    public sealed class OneThreadRun : IDisposable
    {
        public OneThreadRun()
        {
            Output = Path.Combine(Root, "one-thread");
            var log = new StringWriter();
            var exit = CliApp.Run(["run", Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "adcc"), "--out", Output, "--threads", "1"], log, log);
            Assert.True(exit == 0, log.ToString());
        }

        public string Root { get; } = Path.Combine(Path.GetTempPath(), "cv-same-bytes-" + Guid.NewGuid().ToString("N"));

        public string Output { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
