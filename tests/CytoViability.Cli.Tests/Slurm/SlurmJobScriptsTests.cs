using CytoViability.Cli.Slurm;

namespace CytoViability.Cli.Tests.Slurm;

/// <summary>
/// The job scripts a lab submits to its cluster, against scripts written by hand: the array covers every shard, the
/// merge waits for the shards, the lab's options reach sbatch, and a plan folder with
/// spaces, quotes, `#` or `%` in its path survives both sbatch's own reading of #SBATCH lines and the shell.
/// </summary>
public sealed class SlurmJobScriptsTests
{
    private static readonly SlurmPlan CoreFacilityPlan = new("/lab/CLL study/plan", 3, ["/opt/tools/cytoviability"])
    {
        Partition = "short",
        Time = "01:30:00",
        Memory = "4G",
    };

    [Fact]
    public void TheShardArray_CoversShardsZeroToTwo_AndRunsEachShardOfTheManifest()
    {
        const string expected = """
            #!/bin/bash
            #SBATCH --job-name=cytoviability-shard
            #SBATCH --array=0-2
            #SBATCH --output="/lab/CLL study/plan/slurm/logs/shard_%A_%a.out"
            #SBATCH --kill-on-invalid-dep=yes
            #SBATCH --partition=short
            #SBATCH --time=01:30:00
            #SBATCH --mem=4G
            # Task K gates shard K (DIR/shards/K/); a shard already finished is not redone, so any index can be resubmitted.
            # Written by `cytoviability slurm`; the tool below is the one that wrote it (`slurm --tool` to change).
            set -euo pipefail
            exec /opt/tools/cytoviability run --manifest '/lab/CLL study/plan/manifest.json' --shard "$SLURM_ARRAY_TASK_ID"

            """;

        Assert.Equal(expected, SlurmJobScripts.Shards(CoreFacilityPlan));
    }

    [Fact]
    public void TheMergeJob_IsOneJob_WithItsOwnLog_AndMergesThePlanFolder()
    {
        const string expected = """
            #!/bin/bash
            #SBATCH --job-name=cytoviability-merge
            #SBATCH --output="/lab/CLL study/plan/slurm/logs/merge_%j.out"
            #SBATCH --kill-on-invalid-dep=yes
            #SBATCH --partition=short
            #SBATCH --time=01:30:00
            #SBATCH --mem=4G
            # Checks that every shard is complete, then writes the run's outputs (DIR/out/) as a single run would.
            # Written by `cytoviability slurm`; the tool below is the one that wrote it (`slurm --tool` to change).
            set -euo pipefail
            exec /opt/tools/cytoviability merge '/lab/CLL study/plan'

            """;

        Assert.Equal(expected, SlurmJobScripts.Merge(CoreFacilityPlan));
    }

    [Fact]
    public void Submitting_ChainsShardsThenMerge_TheMergeAfterTheWholeArraySucceeded()
    {
        const string expected = """
            #!/bin/bash
            # Submits the sharded run planned in /lab/CLL study/plan: the shard array, then the merge job,
            # the merge only after every task of the shard array succeeded (afterok).
            set -euo pipefail
            shards=$(sbatch --parsable '/lab/CLL study/plan/slurm/shards.sbatch')
            shards=${shards%%;*}
            merge=$(sbatch --parsable --dependency=afterok:"$shards" '/lab/CLL study/plan/slurm/merge.sbatch')
            merge=${merge%%;*}
            echo "shard array $shards, merge job $merge"

            """;

        Assert.Equal(expected, SlurmJobScripts.Submit(CoreFacilityPlan));
    }

    [Fact]
    public void ThereIsNoMapArray_PlanCountedTheMaps_AndTheShardsStartAtOnce()
    {
        var names = SlurmJobScripts.Scripts(CoreFacilityPlan).Select(script => script.Name);
        var submit = SlurmJobScripts.Submit(CoreFacilityPlan);

        Assert.Equal(["shards.sbatch", "merge.sbatch", "submit.sh"], names);
        Assert.Contains("shards=$(sbatch --parsable '/lab/CLL study/plan/slurm/shards.sbatch')\n", submit, StringComparison.Ordinal);
        Assert.DoesNotContain("map", submit, StringComparison.Ordinal);
    }

    [Fact]
    public void OneShard_IsAnArrayOfTheSingleIndexZero_AndUnstatedOptionsAreLeftToTheCluster()
    {
        var plan = new SlurmPlan("/data/plan", 1, ["/usr/bin/dotnet", "/opt/cv/cytoviability.dll"]);

        var shards = SlurmJobScripts.Shards(plan);

        Assert.Contains("#SBATCH --array=0-0\n", shards, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --output=/data/plan/slurm/logs/shard_%A_%a.out\n", shards, StringComparison.Ordinal);
        Assert.DoesNotContain("--partition", shards, StringComparison.Ordinal);
        Assert.DoesNotContain("--time", shards, StringComparison.Ordinal);
        Assert.DoesNotContain("--mem", shards, StringComparison.Ordinal);
        Assert.Contains("exec /usr/bin/dotnet /opt/cv/cytoviability.dll run --manifest /data/plan/manifest.json --shard \"$SLURM_ARRAY_TASK_ID\"\n", shards, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountAndCores_AreAskedOfSlurm_WhenGiven()
    {
        var shards = SlurmJobScripts.Shards(CoreFacilityPlan with { Account = "cll-lab", CpusPerTask = 8 });

        Assert.Contains("#SBATCH --account=cll-lab\n#SBATCH --time=01:30:00\n#SBATCH --mem=4G\n#SBATCH --cpus-per-task=8\n", shards, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutReport_TheShardsBinNoGatePlots_AndTheMergeDrawsNone()
    {
        var plan = CoreFacilityPlan with { NoReport = true };

        Assert.EndsWith(" --shard \"$SLURM_ARRAY_TASK_ID\" --no-report\n", SlurmJobScripts.Shards(plan), StringComparison.Ordinal);
        Assert.EndsWith(" merge '/lab/CLL study/plan' --no-report\n", SlurmJobScripts.Merge(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWithQuotesHashesAndPercents_IsEscapedForSbatchAndForTheShell()
    {
        var plan = new SlurmPlan("/lab/it's \"#7\" 100%", 2, ["/lab/tools dir/cytoviability"]);

        var shards = SlurmJobScripts.Shards(plan);

        // sbatch: backslash before " and # inside double quotes; Slurm's own % doubled in the folder, kept in %A_%a.
        Assert.Contains("#SBATCH --output=\"/lab/it's \\\"\\#7\\\" 100%%/slurm/logs/shard_%A_%a.out\"\n", shards, StringComparison.Ordinal);
        // The shell: single quotes, a single quote closed, escaped and reopened.
        Assert.Contains("exec '/lab/tools dir/cytoviability' run --manifest '/lab/it'\\''s \"#7\" 100%/manifest.json' --shard \"$SLURM_ARRAY_TASK_ID\"\n", shards, StringComparison.Ordinal);
    }

    [Fact]
    public void ALineBreakInTheFolder_IsRefused_AsNoSbatchLineCouldHoldIt()
    {
        var plan = new SlurmPlan("/lab/two\nlines", 2, ["/opt/cytoviability"]);

        Assert.Throws<ArgumentException>(() => SlurmJobScripts.Shards(plan));
    }

    [Fact]
    public void ABackslashInTheFolder_IsRefused_AsSlurmWouldGiveEveryTaskOneLog()
    {
        var plan = new SlurmPlan("/lab/odd\\name", 2, ["/opt/cytoviability"]);

        Assert.Throws<ArgumentException>(() => SlurmJobScripts.Shards(plan));
    }

    [Fact]
    public void EachSubmission_AsksForTheJobIdAlone_AndWaitsForThePreviousJob()
    {
        Assert.Equal(["--parsable", "/p/slurm/map.sbatch"], SlurmJobScripts.SbatchArguments("/p/slurm/map.sbatch", null));
        Assert.Equal(["--parsable", "--dependency=afterok:812", "/p/slurm/merge.sbatch"], SlurmJobScripts.SbatchArguments("/p/slurm/merge.sbatch", "812"));
    }
}
