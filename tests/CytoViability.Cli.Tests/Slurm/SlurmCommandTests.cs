using System.Diagnostics;
using System.Text.Json.Nodes;
using CytoViability.Cli.Tests.Sharding;

namespace CytoViability.Cli.Tests.Slurm;

/// <summary>
/// `slurm` without --submit on a copy of viability-day2 (its gates are placed from pooled data: `plan` counts the
/// maps, so there is no map array) in folders with spaces: the scripts follow the manifest `plan` wrote, and run by
/// hand with bash in the order Slurm would run them (every shard task, the merge) they write the single run's bytes.
/// Nothing in them needs Slurm; the real cluster is .ci/slurm.sh.
/// </summary>
public sealed class SlurmCommandTests : IDisposable
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "cytoviability");

    private readonly string _lab = Path.Combine(Directory.CreateTempSubdirectory("cv-slurm-").FullName, "lab share");
    private readonly string _experiment;

    public SlurmCommandTests()
    {
        _experiment = Path.Combine(_lab, "viability day2");
        Directory.CreateDirectory(_experiment);
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "viability-day2")))
        {
            File.Copy(file, Path.Combine(_experiment, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_lab)!, recursive: true);

    [Fact]
    public void TheJobScripts_RunByHandInSlurmsOrder_WriteTheSingleRunsBytes()
    {
        var plan = Path.Combine(_lab, "plan of day 2");
        var merged = Path.Combine(plan, "out");
        var single = Path.Combine(_lab, "single run");
        // The single run writes where the merge will (run.json names its output folder), then moves aside.
        ShardCli.AssertOk(ShardCli.Cli("run", _experiment, "--out", merged, "--no-report"));
        Directory.Move(merged, single);

        var (exit, console) = ShardCli.Cli("slurm", _experiment, "--shards", "2", "--out", plan, "--tool", Tool, "--no-report");

        Assert.True(exit == 0, console);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(plan, "manifest.json")))!;
        Assert.Equal(2, manifest["shards"]!.GetValue<int>());
        Assert.True(manifest["needs_map"]!.GetValue<bool>());
        var scripts = Path.Combine(plan, "slurm");
        Assert.False(File.Exists(Path.Combine(scripts, "map.sbatch")));
        Assert.True(File.Exists(Path.Combine(plan, "maps", "0", "pooled.bin")) && File.Exists(Path.Combine(plan, "maps", "1", "pooled.bin")));
        Assert.Contains("#SBATCH --array=0-1\n", File.ReadAllText(Path.Combine(scripts, "shards.sbatch")), StringComparison.Ordinal);
        Assert.Contains("Submit (on a login node): bash '" + Path.Combine(scripts, "submit.sh") + "'", console, StringComparison.Ordinal);
        Assert.Contains("retry=$(sbatch --parsable --array=3,5 '" + Path.Combine(scripts, "shards.sbatch") + "')", console, StringComparison.Ordinal);

        // An array's tasks run side by side, as on a cluster; the merge starts when the array has finished.
        RunByHand(Path.Combine(scripts, "shards.sbatch"), [0, 1]);
        RunByHand(Path.Combine(scripts, "merge.sbatch"), [null]);
        Assert.Empty(ShardCli.Differences(single, merged));
        Assert.True(File.Exists(Path.Combine(merged, "populations.csv")));
    }

    [Fact]
    public void WhenPlanningFails_NoJobScriptsAreWritten_AndTheExitIsPlans()
    {
        var plan = Path.Combine(_lab, "plan");

        var (exit, console) = ShardCli.Cli("slurm", Path.Combine(_lab, "no such experiment"), "--shards", "2", "--out", plan, "--tool", Tool);

        Assert.Equal(1, exit);
        Assert.False(Directory.Exists(Path.Combine(plan, "slurm")), console);
    }

    /// <summary>bash SCRIPT once per task, all at once, with SLURM_ARRAY_TASK_ID set for an array task, as slurmd would start them.</summary>
    private static void RunByHand(string script, int?[] tasks)
    {
        var running = new List<(int? Task, Process Process, Task<string> Output, Task<string> Error)>();
        try
        {
            foreach (var task in tasks)
            {
                var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                start.ArgumentList.Add(script);
                Hostile.ChildRun.QuickStartUp(start);
                if (task is { } index)
                {
                    start.Environment["SLURM_ARRAY_TASK_ID"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var process = Process.Start(start)!;
                running.Add((task, process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync()));
            }

            foreach (var (task, process, output, error) in running)
            {
                Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), script + " task " + task + " did not finish within 3 minutes");
                Assert.True(process.ExitCode == 0, Path.GetFileName(script) + " task " + task + " exited " + process.ExitCode + ":\n" + output.Result + error.Result);
            }
        }
        finally
        {
            foreach (var (_, process, _, _) in running)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }
}
