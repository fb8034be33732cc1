using CytoViability.Cli.Logging;
using CytoViability.Cli.Runs;
using CytoViability.Core.Runs.Sharding;
using Serilog;
using Serilog.Events;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability run --manifest DIR/manifest.json --shard K [--map] [--out DIR]`: one shard of a planned run, for
/// any scheduler (a Slurm array task, another scheduler's job, or a shell loop). Exit 0 when the shard is complete,
/// now or before (its failed files are fail rows that merge reports); 1 when it could not run (named why).
/// </summary>
internal static class ShardRunAction
{
    public static int Execute(TextWriter output, TextWriter error, ShardRunRequest request, bool noReport, string? maximumFileSize)
    {
        if (request.Threads < 0)
        {
            error.WriteLine("error: --threads must be 0 (every core) or more");
            return ExitCodes.UsageOrConfiguration;
        }

        if (maximumFileSize is not null)
        {
            if (RunCommand.ParseByteSize(maximumFileSize) is not { } bytes)
            {
                error.WriteLine("error: --max-file-size must be a number of bytes from 1 to " + Array.MaxLength + ", optionally with K, M or G (binary units): '" + maximumFileSize + "'");
                return ExitCodes.UsageOrConfiguration;
            }

            request = request with { MaximumFileBytes = bytes };
        }

        if (request.Map && request.OutputPath is not null)
        {
            error.WriteLine("error: the map step always writes DIR/maps/K beside the manifest; --out is for the gating step");
            return ExitCodes.UsageOrConfiguration;
        }

        var plots = noReport || request.Map ? null : ReportPlots.ForShard();
        var full = request with
        {
            ToolVersion = RunCommand.ToolVersion(),
            OnGated = plots is null ? null : plots.Add,
            TakePlots = plots is null ? null : plots.Take,
        };
        ShardOutcome outcome;
        using (var log = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(new FormattedWriterSink(output, new ConsoleLineFormatter()), LogEventLevel.Information).CreateLogger())
        {
            log.Information("cytoviability {Version:l}{Build:l} run --manifest {Manifest:l} --shard {Shard}{Map:l}", full.ToolVersion, NativeBuilds.Describe(), Logging.LogText.Escape(Path.GetFullPath(request.ManifestPath)), request.Shard, request.Map ? " --map" : string.Empty);
            outcome = ShardRun.Execute(full, new ConsoleRunObserver(log, null));
        }

        foreach (var problem in outcome.Problems)
        {
            error.WriteLine(problem.ToString());
        }

        if (outcome.Status == ShardStatus.Refused)
        {
            return ExitCodes.UsageOrConfiguration;
        }

        if (outcome.Status == ShardStatus.Done && !request.Map)
        {
            output.WriteLine("shard " + request.Shard + ": " + outcome.Files + " files, " + outcome.Failed + " failed (fail rows for merge); results in " + outcome.Folder);
        }

        return ExitCodes.Success;
    }
}
