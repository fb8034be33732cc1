using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CytoViability.Cli.Slurm;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability slurm FOLDER --shards N --out DIR [--submit]`: plans the run (`plan`), writes DIR/slurm/ job scripts
/// that call `run --shard` and `merge` on the cluster, and with --submit chains them with sbatch. Slurm lives here
/// alone: run and merge work the same under any scheduler or by hand.
/// </summary>
internal static class SlurmCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("FOLDER") { Description = "the experiment folder, as for run" };
        var shards = new Option<int>("--shards") { Description = "number of shards (array tasks)", Required = true };
        var output = new Option<string>("--out") { Description = "plan folder (shared by every node): manifest.json, slurm/, shards/, out/", Required = true };
        var template = new Option<string?>("--template") { Description = "gating template, as for run" };
        var samples = new Option<string?>("--samples") { Description = "sample sheet, as for run" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (sbatch --partition); default: the cluster's" };
        var account = new Option<string?>("--account") { Description = "Slurm account to charge (sbatch --account); default: yours" };
        var time = new Option<string?>("--time") { Description = "time limit of each task (sbatch --time, e.g. 01:00:00)" };
        var memory = new Option<string?>("--mem") { Description = "memory of each task (sbatch --mem, e.g. 4G)" };
        var cpus = new Option<int?>("--cpus-per-task") { Description = "cores of each task (sbatch --cpus-per-task); a task uses the cores it is given" };
        var tool = new Option<string?>("--tool") { Description = "the cytoviability executable the jobs run: a path that exists on every node, or a name on the nodes' PATH; default: this one" };
        var noReport = new Option<bool>("--no-report") { Description = "no report.html or plots (the shards bin no gate plots, the merge draws none)" };
        var submit = new Option<bool>("--submit") { Description = "submit the jobs with sbatch now (else print the commands)" };
        var command = new Command("slurm", "Plan a sharded run and write Slurm job scripts for it: a job array of shards and a merge job after them; --submit submits them.")
        {
            folder, shards, output, template, samples, partition, account, time, memory, cpus, tool, noReport, submit,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var count = parse.GetValue(shards);
            if (count < 1)
            {
                error.WriteLine("slurm: --shards must be 1 or more");
                return ExitCodes.UsageOrConfiguration;
            }

            if (parse.GetValue(cpus) is < 1)
            {
                error.WriteLine("slurm: --cpus-per-task must be 1 or more");
                return ExitCodes.UsageOrConfiguration;
            }

            // A bare name is looked up on each node's PATH (e.g. after `module load`); a path is made absolute here.
            var toolCommand = parse.GetValue(tool) is { } given ? [given.Contains('/', StringComparison.Ordinal) ? Path.GetFullPath(given) : given] : RunningTool();
            if (toolCommand is null)
            {
                error.WriteLine("slurm: cannot tell which cytoviability executable is running (process " + Environment.ProcessPath + "); name the one the jobs should run with --tool PATH");
                return ExitCodes.UsageOrConfiguration;
            }

            var planFolder = Path.GetFullPath(parse.GetRequiredValue(output));
            var planArguments = new List<string> { "plan", parse.GetRequiredValue(folder), "--shards", count.ToString(CultureInfo.InvariantCulture), "--out", planFolder };
            AddIfGiven(planArguments, "--template", parse.GetValue(template));
            AddIfGiven(planArguments, "--samples", parse.GetValue(samples));
            var planned = CliApp.Run([.. planArguments], console, error);
            if (planned != ExitCodes.Success)
            {
                return planned;
            }

            if (ReadManifest(Path.Combine(planFolder, "manifest.json"), error) is not var (manifestId, manifestShards))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var plan = new SlurmPlan(planFolder, manifestShards, toolCommand)
            {
                Partition = parse.GetValue(partition),
                Account = parse.GetValue(account),
                Time = parse.GetValue(time),
                Memory = parse.GetValue(memory),
                CpusPerTask = parse.GetValue(cpus),
                NoReport = parse.GetValue(noReport),
            };
            IReadOnlyList<(string Name, string Text)> scripts;
            try
            {
                scripts = SlurmJobScripts.Scripts(plan);
                WriteScripts(plan, scripts);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
            {
                error.WriteLine("slurm: writing the job scripts in " + plan.ScriptFolder + ": " + exception.Message);
                return ExitCodes.UsageOrConfiguration;
            }

            console.WriteLine("Slurm job scripts for manifest " + manifestId + " (" + plan.Shards + (plan.Shards == 1 ? " shard" : " shards") + ") in " + plan.ScriptFolder + ":");
            foreach (var (name, _) in scripts)
            {
                console.WriteLine("  " + name.PadRight(14) + Describe(plan, name));
            }

            console.WriteLine("The jobs run " + string.Join(' ', toolCommand.Select(SlurmJobScripts.ShellQuote)) + (parse.GetValue(tool) is null ? " (this tool as it runs now; --tool PATH names another)" : " (--tool)") + ": every compute node must reach it there.");
            if (!parse.GetValue(submit))
            {
                console.WriteLine("Submit (on a login node): bash " + SlurmJobScripts.ShellQuote(Path.Combine(plan.ScriptFolder, SlurmJobScripts.SubmitScript)));
                WriteRetry(console, plan, "SHARDS");
                return ExitCodes.Success;
            }

            return SubmitAll(console, error, plan);
        });
        return command;
    }

    /// <summary>
    /// The command line that starts this same tool: the `cytoviability` executable running now (an installed
    /// `dotnet tool` or a published executable) as it is, or `dotnet` and this assembly when the muxer runs it.
    /// Null for any other host, where the lab names the tool with --tool.
    /// </summary>
    internal static IReadOnlyList<string>? RunningTool()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process).Equals("cytoviability", StringComparison.OrdinalIgnoreCase))
        {
            return [process];
        }

        // `dotnet cytoviability.dll`: the muxer and this assembly. Any other host (a test runner, say) cannot be named.
        // (Assembly.Location is empty in a single-file executable; the muxer always runs a .dll from its folder.)
        var assembly = Path.Combine(AppContext.BaseDirectory, typeof(SlurmCommand).Assembly.GetName().Name + ".dll");
        if (process is null || !File.Exists(assembly) || !Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return [process, assembly];
    }

    /// <summary>The plan's id and shard count, from the manifest `plan` wrote; null (with the reason told) if unreadable.</summary>
    internal static (string Id, int Shards)? ReadManifest(string path, TextWriter error)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("manifest_id", out var id) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("shards", out var shards)
                && ShardCount(shards) is { } count)
            {
                return (id.GetString()!, count);
            }

            error.WriteLine("slurm: " + path + ": no manifest_id and shards (not a manifest written by plan?)");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            error.WriteLine("slurm: " + path + ": " + exception.Message);
        }

        return null;
    }

    private static int? ShardCount(JsonElement shards) => shards.ValueKind switch
    {
        JsonValueKind.Number when shards.TryGetInt32(out var count) && count > 0 => count,
        JsonValueKind.Array when shards.GetArrayLength() > 0 => shards.GetArrayLength(),
        _ => null,
    };

    private static void AddIfGiven(List<string> arguments, string option, string? value)
    {
        if (value is not null)
        {
            arguments.Add(option);
            arguments.Add(value);
        }
    }

    /// <summary>Each script is written whole under a temporary name and then renamed; logs of earlier submissions stay.</summary>
    private static void WriteScripts(SlurmPlan plan, IReadOnlyList<(string Name, string Text)> scripts)
    {
        Directory.CreateDirectory(plan.LogFolder);
        foreach (var (name, text) in scripts)
        {
            var path = Path.Combine(plan.ScriptFolder, name);
            var staged = path + ".tmp";
            File.WriteAllText(staged, text);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(staged, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            File.Move(staged, path, overwrite: true);
        }

        // `plan` counts the maps now: no map array script of an earlier version is left in the same folder.
        File.Delete(Path.Combine(plan.ScriptFolder, SlurmJobScripts.MapScript));
    }

    private static string Describe(SlurmPlan plan, string script)
    {
        var last = (plan.Shards - 1).ToString(CultureInfo.InvariantCulture);
        return script switch
        {
            SlurmJobScripts.ShardScript => "array 0-" + last + ": run --manifest … --shard K",
            SlurmJobScripts.MergeScript => "after the shard array: merge " + SlurmJobScripts.ShellQuote(plan.PlanFolder),
            _ => "submits them in that order, each after the previous succeeded (afterok)",
        };
    }

    private static int SubmitAll(TextWriter console, TextWriter error, SlurmPlan plan)
    {
        var shards = Sbatch(error, SlurmJobScripts.SbatchArguments(Path.Combine(plan.ScriptFolder, SlurmJobScripts.ShardScript), null));
        var merge = shards is null ? null : Sbatch(error, SlurmJobScripts.SbatchArguments(Path.Combine(plan.ScriptFolder, SlurmJobScripts.MergeScript), shards));
        if (merge is null)
        {
            if (shards is not null)
            {
                error.WriteLine("slurm: the shard array " + shards + " remains; cancel it with scancel if you resubmit");
            }

            return ExitCodes.UsageOrConfiguration;
        }

        console.WriteLine("Submitted: shard array " + shards + ", merge job " + merge + ".");
        console.WriteLine("Logs: " + Path.Combine(plan.LogFolder, "shard_" + shards + "_K.out") + " for shard K; follow with: squeue -j " + shards + "," + merge);
        WriteRetry(console, plan, shards!);
        return ExitCodes.Success;
    }

    private static void WriteRetry(TextWriter console, SlurmPlan plan, string shardArray)
    {
        var shardScript = SlurmJobScripts.ShellQuote(Path.Combine(plan.ScriptFolder, SlurmJobScripts.ShardScript));
        var mergeScript = SlurmJobScripts.ShellQuote(Path.Combine(plan.ScriptFolder, SlurmJobScripts.MergeScript));
        console.WriteLine("If some shards fail, the merge job ends unrun (its dependency failed). Find them with `sacct -j " + shardArray + " --format=JobID,State` or `cytoviability merge "
            + SlurmJobScripts.ShellQuote(plan.PlanFolder) + "` (it names the missing shards), then resubmit only those indices (here 3 and 5) and the merge:");
        console.WriteLine("  retry=$(sbatch --parsable --array=3,5 " + shardScript + ")");
        console.WriteLine("  sbatch --dependency=afterok:${retry%%;*} " + mergeScript);
    }

    /// <summary>Runs sbatch --parsable and returns the job id, or null with sbatch's own message.</summary>
    private static string? Sbatch(TextWriter error, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var id = stdout.Trim().Split(';')[0];
            if (process.ExitCode == 0 && id.Length > 0 && id.All(char.IsAsciiDigit))
            {
                return id;
            }

            error.WriteLine("slurm: sbatch " + string.Join(' ', arguments.Select(SlurmJobScripts.ShellQuote)) + " failed (exit " + process.ExitCode + "): " + (stderr.Result + stdout).Trim());
        }
        catch (Win32Exception exception)
        {
            error.WriteLine("slurm: cannot start sbatch (" + exception.Message + "); the scripts are written: submit them on a login node with bash "
                + SlurmJobScripts.ShellQuote(Path.Combine(Path.GetDirectoryName(arguments[^1])!, SlurmJobScripts.SubmitScript)));
        }

        return null;
    }
}
