using System.CommandLine;
using CytoViability.Core.Runs;
using CytoViability.Core.Runs.Sharding;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability merge DIR [--out OUT] [--partial]`: joins the finished shards of DIR/manifest.json into the outputs
/// a single `run` would write (DIR/out by default), with the same console, log, report and exit codes as `run`.
/// A missing or unfinished shard is named and nothing is written (exit 1), unless --partial.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "the plan folder given to `cytoviability plan --out`" };
        var output = new Option<string?>("--out") { Description = "output folder; default: DIR/out" };
        var partial = new Option<bool>("--partial") { Description = "write the results of the finished shards even if some are missing (their files become fail rows)" };
        var threads = new Option<int>("--threads") { Description = "threads for the report; recorded in run.json as `run` does; default: every core", DefaultValueFactory = _ => 0 };
        var noReport = new Option<bool>("--no-report") { Description = "skip report.html and plots" };
        var failOnQc = new Option<bool>("--fail-on-qc") { Description = "exit with code 4 when qc.csv holds a fail row (for pipelines)" };
        var wait = new Option<bool>("--wait") { Description = "if another run is writing to the output folder, wait for it instead of refusing" };
        var command = new Command("merge", "Merge the shards of a planned run into the outputs a single `run` would write.")
        {
            folder, output, partial, threads, noReport, failOnQc, wait,
        };
        command.SetAction(parseResult =>
        {
            var planFolder = Path.GetFullPath(parseResult.GetValue(folder)!);
            var noReportValue = parseResult.GetValue(noReport);
            var manifestPath = Path.Combine(planFolder, ShardManifest.FileName);
            var request = new RunRequest(planFolder, null, null, parseResult.GetValue(output) ?? ShardSetup.DefaultMergedFolder(planFolder), parseResult.GetValue(threads))
            {
                WaitForOutputFolder = parseResult.GetValue(wait),
            };
            return RunCommand.Execute(
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                request,
                noReportValue,
                parseResult.GetValue(failOnQc),
                null,
                null,
                (run, observer, plots) => ShardMerge.Execute(
                    new MergeRequest(planFolder, run, parseResult.GetValue(partial))
                    {
                        NeedsPlots = plots is not null,
                        OnPlots = plots is null ? null : plots.AddPacked,
                        OnTemplate = plots is null ? null : plots.UseTemplate,
                    },
                    observer),
                "merge " + Logging.LogText.Escape(planFolder));
        });
        return command;
    }
}
