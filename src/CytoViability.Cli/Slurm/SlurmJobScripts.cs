using System.Globalization;
using System.Text;

namespace CytoViability.Cli.Slurm;

/// <summary>
/// What the job scripts of one planned run need: the plan folder (`plan --out`), its shard count, the command line
/// that starts this tool on a compute node, and the scheduler options the lab gave.
/// </summary>
internal sealed record SlurmPlan(string PlanFolder, int Shards, IReadOnlyList<string> Tool)
{
    public string? Partition { get; init; }

    public string? Time { get; init; }

    public string? Memory { get; init; }

    public int? CpusPerTask { get; init; }

    public string? Account { get; init; }

    /// <summary>No report.html or plots: the shards bin no gate plots and the merge draws none (`--no-report` on both).</summary>
    public bool NoReport { get; init; }

    public string ManifestPath => Path.Combine(PlanFolder, "manifest.json");

    public string ScriptFolder => Path.Combine(PlanFolder, "slurm");

    public string LogFolder => Path.Combine(ScriptFolder, "logs");
}

/// <summary>
/// Writes the Slurm job scripts of a planned run: the shard array, the merge job after the shards, and submit.sh that
/// chains them with `sbatch --parsable`. Data-driven gates need no array of their own: `plan` counted their maps as it
/// hashed the files. The scripts only call `run --manifest … --shard K` and `merge`: nothing in run or merge knows
/// about Slurm.
/// </summary>
internal static class SlurmJobScripts
{
    /// <summary>The map array's script, written by earlier versions (before `plan` counted the maps): removed from a plan folder written again.</summary>
    public const string MapScript = "map.sbatch";
    public const string ShardScript = "shards.sbatch";
    public const string MergeScript = "merge.sbatch";
    public const string SubmitScript = "submit.sh";

    /// <summary>The files of DIR/slurm/, by name, in the order they run.</summary>
    public static IReadOnlyList<(string Name, string Text)> Scripts(SlurmPlan plan)
    {
        var scripts = new List<(string, string)>();
        scripts.Add((ShardScript, Shards(plan)));
        scripts.Add((MergeScript, Merge(plan)));
        scripts.Add((SubmitScript, Submit(plan)));
        return scripts;
    }

    /// <summary>The shard array: task K gates shard K (DIR/shards/K/); a finished shard is not redone.</summary>
    public static string Shards(SlurmPlan plan)
        => Script(plan, "cytoviability-shard", "shard", array: true,
            "Task K gates shard K (DIR/shards/K/); a shard already finished is not redone, so any index can be resubmitted.",
            ["run", "--manifest", plan.ManifestPath, "--shard", "$SLURM_ARRAY_TASK_ID", .. NoReport(plan)]);

    /// <summary>The merge job: refuses unless every shard is complete, then writes DIR/out/.</summary>
    public static string Merge(SlurmPlan plan)
        => Script(plan, "cytoviability-merge", "merge", array: false,
            "Checks that every shard is complete, then writes the run's outputs (DIR/out/) as a single run would.",
            ["merge", plan.PlanFolder, .. NoReport(plan)]);

    /// <summary>submit.sh: the two submissions, the merge after the whole shard array succeeded.</summary>
    public static string Submit(SlurmPlan plan)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append("# Submits the sharded run planned in ").Append(plan.PlanFolder).Append(": ");
        text.Append("the shard array, then the merge job");
        text.Append(",\n# the merge only after every task of the shard array succeeded (afterok).\n");
        text.Append("set -euo pipefail\n");
        AppendSubmission(text, "shards", null, Path.Combine(plan.ScriptFolder, ShardScript));
        AppendSubmission(text, "merge", "shards", Path.Combine(plan.ScriptFolder, MergeScript));
        text.Append("echo \"shard array $shards, merge job $merge\"\n");
        return text.ToString();
    }

    /// <summary>The sbatch command that submits <paramref name="script"/> after <paramref name="afterJob"/> (if any).</summary>
    public static IReadOnlyList<string> SbatchArguments(string script, string? afterJob)
    {
        var arguments = new List<string> { "--parsable" };
        if (afterJob is not null)
        {
            arguments.Add("--dependency=afterok:" + afterJob);
        }

        arguments.Add(script);
        return arguments;
    }

    /// <summary>A word for a POSIX shell: left bare when it holds nothing the shell would read, else single-quoted.</summary>
    public static string ShellQuote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '=' or ',' or '+' or '@'))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// A value on an `#SBATCH` line: sbatch reads these lines itself (no shell), honouring double quotes and backslash
    /// escapes and ending the line at an unescaped `#`.
    /// </summary>
    public static string SbatchQuote(string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("a line break cannot be written on an #SBATCH line: " + value, nameof(value));
        }

        if (value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '%' or ','))
        {
            return value;
        }

        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\' or '#')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>A log file pattern: the folder's own `%` doubled (Slurm expands `%A`, `%a`, `%j` in the whole path).</summary>
    private static string LogPattern(SlurmPlan plan, string step, bool array)
    {
        if (plan.LogFolder.Contains('\\', StringComparison.Ordinal))
        {
            // Slurm expands no %A or %a at all in a file name holding a backslash: every task would share one log.
            throw new ArgumentException("a backslash in the plan folder would give every array task the same log file: " + plan.PlanFolder, nameof(plan));
        }

        return Path.Combine(plan.LogFolder.Replace("%", "%%", StringComparison.Ordinal), array ? step + "_%A_%a.out" : step + "_%j.out");
    }

    private static string Script(SlurmPlan plan, string jobName, string step, bool array, string purpose, IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append("#SBATCH --job-name=").Append(jobName).Append('\n');
        if (array)
        {
            text.Append("#SBATCH --array=0-").Append((plan.Shards - 1).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("#SBATCH --output=").Append(SbatchQuote(LogPattern(plan, step, array))).Append('\n');
        // A job whose dependency failed is ended at once instead of waiting forever (DependencyNeverSatisfied).
        text.Append("#SBATCH --kill-on-invalid-dep=yes\n");
        AppendOption(text, "--partition", plan.Partition);
        AppendOption(text, "--account", plan.Account);
        AppendOption(text, "--time", plan.Time);
        AppendOption(text, "--mem", plan.Memory);
        AppendOption(text, "--cpus-per-task", plan.CpusPerTask?.ToString(CultureInfo.InvariantCulture));
        text.Append("# ").Append(purpose).Append('\n');
        text.Append("# Written by `cytoviability slurm`; the tool below is the one that wrote it (`slurm --tool` to change).\n");
        text.Append("set -euo pipefail\n");
        text.Append("exec");
        foreach (var word in plan.Tool)
        {
            text.Append(' ').Append(ShellQuote(word));
        }

        foreach (var word in arguments)
        {
            // The task index is the one word the shell expands.
            text.Append(' ').Append(word == "$SLURM_ARRAY_TASK_ID" ? "\"$SLURM_ARRAY_TASK_ID\"" : ShellQuote(word));
        }

        return text.Append('\n').ToString();
    }

    private static string[] NoReport(SlurmPlan plan) => plan.NoReport ? ["--no-report"] : [];

    private static void AppendOption(StringBuilder text, string option, string? value)
    {
        if (value is not null)
        {
            text.Append("#SBATCH ").Append(option).Append('=').Append(SbatchQuote(value)).Append('\n');
        }
    }

    private static void AppendSubmission(StringBuilder text, string variable, string? afterVariable, string script)
    {
        // --parsable prints "jobid" or "jobid;cluster".
        text.Append(variable).Append("=$(sbatch --parsable ");
        if (afterVariable is not null)
        {
            text.Append("--dependency=afterok:\"$").Append(afterVariable).Append("\" ");
        }

        text.Append(ShellQuote(script)).Append(")\n");
        text.Append(variable).Append("=${").Append(variable).Append("%%;*}\n");
    }
}
