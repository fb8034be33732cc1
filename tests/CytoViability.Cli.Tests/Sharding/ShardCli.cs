using System.Text.Json.Nodes;

namespace CytoViability.Cli.Tests.Sharding;

/// <summary>
/// Drives a sharded run the way a scheduler would: `plan` (it counts the maps of data-driven gates), every shard,
/// `merge`; and compares an output folder with a single run's, file by file.
/// </summary>
internal static class ShardCli
{
    public static (int Exit, string Console) Cli(params string[] args)
    {
        var writer = new StringWriter();
        var exit = CliApp.Run(args, writer, writer);
        return (exit, writer.ToString());
    }

    public static string Manifest(string plan) => Path.Combine(plan, "manifest.json");

    public static bool NeedsMap(string plan) => JsonNode.Parse(File.ReadAllText(Manifest(plan)))!["needs_map"]!.GetValue<bool>();

    /// <summary>plan (which counts the maps when needed), every shard, merge into <paramref name="output"/>; asserts each step succeeds. Returns merge's exit code.</summary>
    public static int PlanRunMerge(string experiment, int shards, string plan, string output, params string[] mergeOptions)
    {
        AssertOk(Cli("plan", experiment, "--shards", shards.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", plan, "--threads", "2"));
        string[] shardOptions = Array.IndexOf(mergeOptions, "--no-report") >= 0 ? ["--no-report"] : [];
        for (var shard = 0; shard < shards; shard++)
        {
            AssertOk(Cli(["run", "--manifest", Manifest(plan), "--shard", shard.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "2", .. shardOptions]));
        }

        return Cli(["merge", plan, "--out", output, "--threads", "2", .. mergeOptions]).Exit;
    }

    public static void AssertOk((int Exit, string Console) result) => Assert.True(result.Exit == 0, result.Console);

    /// <summary>
    /// Files of the two output folders that differ. Not compared: run.log (a time stamp on every line; merge logs its
    /// own steps) and the .cytoviability-output marker (the run id). run.json is compared with four fields masked:
    /// run_id and started_utc (each run is its own), timings_ms and every input's ms (wall-clock times); report.html
    /// without the two rows that show the start time and the timings.
    /// </summary>
    public static List<string> Differences(string expected, string actual) => Differences(expected, actual, otherOutputFolder: false);

    /// <summary>
    /// <see cref="Differences(string, string)"/> between a single run and a merge that wrote to another folder: run.json's
    /// output must name each run's own folder (and is compared masked). When the merge skipped the report
    /// (<paramref name="mergedWithoutReport"/>), the single run's report files (report.html, report/, plots/) are left
    /// out, and the merge must have none.
    /// </summary>
    public static List<string> DifferencesFromRunElsewhere(string single, string merged, bool mergedWithoutReport)
    {
        var differences = Differences(single, merged, otherOutputFolder: true);
        foreach (var (folder, name) in new[] { (single, "single run"), (merged, "merge") })
        {
            var output = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json")))!["output"]!.GetValue<string>();
            if (output != folder)
            {
                differences.Add("run.json of the " + name + " names output " + output);
            }
        }

        if (mergedWithoutReport)
        {
            differences.RemoveAll(difference => difference.EndsWith(" missing", StringComparison.Ordinal) && IsReportFile(difference[..^" missing".Length]));
        }

        return differences;
    }

    private static bool IsReportFile(string name)
        => name == "report.html" || name.StartsWith("report" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || name.StartsWith("plots" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static List<string> Differences(string expected, string actual, bool otherOutputFolder)
    {
        var differences = new List<string>();
        var names = Directory.GetFiles(expected, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expected, f))
            .Union(Directory.GetFiles(actual, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(actual, f)))
            .Where(f => f is not "run.log" and not ".cytoviability-output")
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var a = Path.Combine(expected, name);
            var b = Path.Combine(actual, name);
            if (!File.Exists(a) || !File.Exists(b))
            {
                differences.Add(name + (File.Exists(a) ? " missing" : " extra"));
            }
            else if (name switch
            {
                "run.json" => MaskedRunJson(a, otherOutputFolder) != MaskedRunJson(b, otherOutputFolder),
                _ => !File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b)),
            })
            {
                differences.Add(name);
            }
        }

        return differences;
    }

    public static string MaskedRunJson(string path, bool outputMasked = false)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (outputMasked)
        {
            root.Remove("output");
        }

        root.Remove("run_id");
        root.Remove("started_utc");
        root.Remove("timings_ms");
        foreach (var input in root["inputs"]!.AsArray())
        {
            input!.AsObject().Remove("ms");
        }

        return root.ToJsonString();
    }
}
