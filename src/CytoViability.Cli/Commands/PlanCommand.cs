using System.CommandLine;
using CytoViability.Core.Runs;
using CytoViability.Core.Runs.Sharding;
using CytoViability.Core.Templates;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability plan FOLDER --shards N --out DIR`: resolves the experiment once (template, sheet, files with their
/// sha256) and writes DIR/manifest.json, the shard manifest that `run --manifest DIR/manifest.json --shard K` and
/// `merge DIR` work from. The work is <see cref="ShardPlanner"/> in Core.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("FOLDER") { Description = "the experiment folder, as for `run`" };
        var shards = new Option<int>("--shards") { Description = "number of shards (a shard holds whole donors; some may be empty when there are fewer donors)", Required = true };
        var output = new Option<string>("--out") { Description = "the plan folder: manifest.json, then maps/, shards/ and the merged out/", Required = true };
        var template = new Option<string?>("--template") { Description = "gating template (YAML file, or a shipped template's name); default: experiment.yaml's" };
        var samples = new Option<string?>("--samples") { Description = "sample sheet (CSV); default: experiment.yaml's, else metadata rules only" };
        var threads = new Option<int>("--threads") { Description = "files hashed at once; default: every core", DefaultValueFactory = _ => 0 };
        var command = new Command("plan", "Split an experiment into shards for a cluster: write DIR/manifest.json for `run --manifest --shard K` and `merge DIR`.")
        {
            folder, shards, output, template, samples, threads,
        };
        command.SetAction(parseResult =>
        {
            var console = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var count = parseResult.GetValue(shards);
            if (count < 1)
            {
                error.WriteLine("error: --shards must be 1 or more");
                return ExitCodes.UsageOrConfiguration;
            }

            if (parseResult.GetValue(threads) < 0)
            {
                error.WriteLine("error: --threads must be 0 (every core) or more");
                return ExitCodes.UsageOrConfiguration;
            }

            var planFolder = parseResult.GetValue(output)!;
            var request = new RunRequest(parseResult.GetValue(folder)!, parseResult.GetValue(template), parseResult.GetValue(samples), null, parseResult.GetValue(threads)) { ToolVersion = RunCommand.ToolVersion() };
            var problems = new List<ConfigurationProblem>();
            var planned = ShardPlanner.Plan(request, count, planFolder, problems);
            if (planned is null || !ShardPlanner.Write(planned, planFolder, problems))
            {
                foreach (var problem in problems)
                {
                    error.WriteLine(problem.ToString());
                }

                return ExitCodes.UsageOrConfiguration;
            }

            var manifest = planned.Manifest;
            var path = Path.Combine(Path.GetFullPath(planFolder), ShardManifest.FileName);
            console.WriteLine("planned " + manifest.Files.Count + " files (" + manifest.Refused.Count + " refused) into " + manifest.Shards + " shards; manifest " + manifest.ManifestId + ": " + path);
            for (var shard = 0; shard < manifest.Shards; shard++)
            {
                var files = manifest.FilesOf(shard);
                var groups = files.Select(i => manifest.Files[i].Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                console.WriteLine("  shard " + shard + ": " + files.Count + " files" + (groups.Count > 0 ? " (" + string.Join(", ", groups) + ")" : string.Empty));
            }

            console.WriteLine(manifest.NeedsMap
                ? "needs_map: the template computes gate positions from pooled data; their histograms were counted as the files were hashed (" + Path.Combine(Path.GetFullPath(planFolder), ShardSetup.MapsFolder) + "); run each shard, then merge:"
                : "needs_map: no; run each shard, then merge:");
            console.WriteLine("  cytoviability run --manifest " + path + " --shard K");
            console.WriteLine("  cytoviability merge " + Path.GetFullPath(planFolder));
            return ExitCodes.Success;
        });
        return command;
    }
}
