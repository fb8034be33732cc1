using System.CommandLine;
using System.Globalization;
using System.Reflection;
using CytoViability.Cli.Logging;
using CytoViability.Cli.Runs;
using CytoViability.Core.Runs;
using CytoViability.Reports.Results;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;
using Spectre.Console;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability run FOLDER`: the batch job. The work is <see cref="BatchRun"/> in Core; this command adds the
/// progress bar or plain log lines, run.log, the HTML report, and the exit code.
/// </summary>
internal static class RunCommand
{
    private const string LogTemplate = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static Command Create()
    {
        var folder = new Argument<string?>("FOLDER") { Description = "the experiment folder (FCS files, optional experiment.yaml and sample sheet); not with --manifest", Arity = ArgumentArity.ZeroOrOne };
        var template = new Option<string?>("--template") { Description = "gating template (YAML file, or a shipped template's name: see `cytoviability templates`); default: experiment.yaml's" };
        var samples = new Option<string?>("--samples") { Description = "sample sheet (CSV); default: experiment.yaml's, else metadata rules only" };
        var output = new Option<string?>("--out") { Description = "output folder; default: FOLDER/cytoviability-out" };
        var threads = new Option<int>("--threads") { Description = "files processed at once; default: every core", DefaultValueFactory = _ => 0 };
        var noReport = new Option<bool>("--no-report") { Description = "skip report.html and plots" };
        var wait = new Option<bool>("--wait") { Description = "if another run is writing to the output folder, wait for it instead of refusing" };
        var failOnQc = new Option<bool>("--fail-on-qc") { Description = "exit with code 4 when qc.csv holds a fail row (for pipelines)" };
        var maximumFileSize = new Option<string?>("--max-file-size") { Description = "larger FCS files are fail rows (a file's events are decoded whole into memory): bytes, or with K, M, G; default 1G" };
        var manifest = new Option<string?>("--manifest") { Description = "one shard of a planned run: DIR/manifest.json written by `cytoviability plan` (with --shard)" };
        var shard = new Option<int?>("--shard") { Description = "the shard to run, 0 to N-1 (with --manifest); its results go to DIR/shards/K unless --out says otherwise" };
        var map = new Option<bool>("--map") { Description = "with --shard: only count the shard's placement histograms into DIR/maps/K again (`plan` counts them; for a map deleted or lost)" };
        var rehash = new Option<bool>("--rehash") { Description = "with --shard: hash every file again as it is read, instead of trusting the manifest's sha256 for a file whose size and last-write time are unchanged since `plan`" };
        var maximumMemory = new Option<string?>("--max-memory") { Description = "keep the run's memory bound under this (bytes, or with K, M, G): fewer threads; never fails" };
        var command = new Command("run", "Gate every FCS file of an experiment folder and write populations, MFI, assay, summary and QC tables.")
        {
            folder, template, samples, output, threads, noReport, failOnQc, wait, maximumFileSize, maximumMemory, manifest, shard, map, rehash,
        };
        command.SetAction(parseResult =>
        {
            var console = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(manifest) is { } manifestPath)
            {
                if (parseResult.GetValue(folder) is not null || parseResult.GetValue(template) is not null || parseResult.GetValue(samples) is not null || parseResult.GetValue(failOnQc) || parseResult.GetValue(wait))
                {
                    error.WriteLine("error: with --manifest the manifest settles the experiment: give no FOLDER, --template, --samples, --fail-on-qc or --wait (they belong to `plan` and `merge`)");
                    return ExitCodes.UsageOrConfiguration;
                }

                if (parseResult.GetValue(shard) is not { } number)
                {
                    error.WriteLine("error: --manifest needs --shard K (0 to N-1)");
                    return ExitCodes.UsageOrConfiguration;
                }

                return ShardRunAction.Execute(console, error, new Core.Runs.Sharding.ShardRunRequest(manifestPath, number, parseResult.GetValue(output), parseResult.GetValue(threads)) { Map = parseResult.GetValue(map), Rehash = parseResult.GetValue(rehash) }, parseResult.GetValue(noReport), parseResult.GetValue(maximumFileSize));
            }

            if (parseResult.GetValue(shard) is not null || parseResult.GetValue(map) || parseResult.GetValue(rehash))
            {
                error.WriteLine("error: --shard, --map and --rehash need --manifest DIR/manifest.json (write one with `cytoviability plan`)");
                return ExitCodes.UsageOrConfiguration;
            }

            if (parseResult.GetValue(folder) is not { } experiment)
            {
                error.WriteLine("error: give the experiment FOLDER (or --manifest and --shard for one shard of a planned run)");
                return ExitCodes.UsageOrConfiguration;
            }

            return Execute(
                console,
                error,
                new RunRequest(experiment, parseResult.GetValue(template), parseResult.GetValue(samples), parseResult.GetValue(output), parseResult.GetValue(threads))
                {
                    WaitForOutputFolder = parseResult.GetValue(wait),
                },
                parseResult.GetValue(noReport),
                parseResult.GetValue(failOnQc),
                parseResult.GetValue(maximumFileSize),
                parseResult.GetValue(maximumMemory));
        });
        return command;
    }

    /// <summary>
    /// The run as the console sees it: log, progress, report, summary and exit code around <paramref name="work"/>
    /// (a single <see cref="BatchRun"/> by default; `merge` passes the merge of shards, which ends the same way).
    /// </summary>
    internal static int Execute(TextWriter output, TextWriter error, RunRequest request, bool noReport, bool failOnQc, string? maximumFileSize, string? maximumMemory = null, Func<RunRequest, IRunObserver, ReportPlots?, RunOutcome>? work = null, string? logHeading = null)
    {
        if (request.Threads < 0)
        {
            error.WriteLine("error: --threads must be 0 (every core) or more");
            return ExitCodes.UsageOrConfiguration;
        }

        if (maximumFileSize is not null)
        {
            if (ParseByteSize(maximumFileSize) is not { } bytes)
            {
                error.WriteLine("error: --max-file-size must be a number of bytes from 1 to " + Array.MaxLength + ", optionally with K, M or G (binary units): '" + maximumFileSize + "'");
                return ExitCodes.UsageOrConfiguration;
            }

            request = request with { MaximumFileBytes = bytes };
        }

        if (maximumMemory is not null)
        {
            if (ParseByteSize(maximumMemory, 1L << 50) is not { } bytes)
            {
                error.WriteLine("error: --max-memory must be a number of bytes from 1 to 2^50, optionally with K, M or G (binary units): '" + maximumMemory + "'");
                return ExitCodes.UsageOrConfiguration;
            }

            request = request with { MaximumMemoryBytes = bytes };
        }

        // run.log is kept in memory and written into the new generation of the output folder: nothing goes to the
        // temp folder (which may be full or missing), and the log cannot fail apart from the outputs.
        var runLog = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Sink(new FormattedWriterSink(runLog, new MessageTemplateTextFormatter(LogTemplate, CultureInfo.InvariantCulture)));
        if (!interactive)
        {
            configuration = configuration.WriteTo.Sink(new FormattedWriterSink(output, new ConsoleLineFormatter()), LogEventLevel.Information);
        }

        using var log = configuration.CreateLogger();
        var plots = noReport ? null : new ReportPlots();
        var full = request with
        {
            ToolVersion = ToolVersion(),
            FailOnQc = failOnQc,
            StageExtraFiles = folder => folder.WriteText("run.log", writer => writer.Write(runLog.ToString())),
            StageReport = plots is null ? null : folder => plots.Stage(folder, request.Threads, line =>
            {
                // Plain log lines reach a redirected console through the log; a terminal shows them above the progress bar.
                log.Information("{Message:l}", line);
                if (interactive)
                {
                    AnsiConsole.WriteLine(line);
                }
            }),
            OnGated = plots is null ? null : plots.Add,
        };
        RunOutcome outcome;
        try
        {
            log.Information("cytoviability {Version:l}{Build:l} {Heading:l}", full.ToolVersion, NativeBuilds.Describe(), logHeading ?? "run " + LogText.Escape(Path.GetFullPath(request.Folder)));
            work ??= static (run, observer, _) => BatchRun.Execute(run, observer);
            if (interactive)
            {
                RunOutcome? result = null;
                AnsiConsole.Progress().AutoClear(false).Start(context => result = work(full, new ConsoleRunObserver(log, context), plots));
                outcome = result!;
            }
            else
            {
                outcome = work(full, new ConsoleRunObserver(log, null), plots);
            }
        }
        finally
        {
            log.Dispose();
        }

        foreach (var problem in outcome.Problems)
        {
            error.WriteLine(problem.ToString());
        }

        if (outcome.Status == RunStatus.ConfigurationError)
        {
            return ExitCodes.UsageOrConfiguration;
        }

        output.WriteLine(outcome.Processed + " files processed, " + outcome.Failed + " failed; outputs in " + outcome.OutputFolder);
        plots?.Tell(output, error);
        if (outcome.OutputFolder is { } folder)
        {
            ConsoleSummary.Write(output, RunDigest.Read(folder, outcome.Template), folder, plots?.ReportPath);
        }

        return outcome.Status switch
        {
            RunStatus.QcFailed => ExitCodes.QcFailed,
            RunStatus.Success => ExitCodes.Success,
            RunStatus.SomeInputsFailed => ExitCodes.SomeInputsFailed,
            _ => ExitCodes.NothingProcessed,
        };
    }

    /// <summary>A size such as 1073741824, 512M or 1G (K, M, G are binary units), up to <paramref name="maximum"/> (default: what one array can hold).</summary>
    internal static long? ParseByteSize(string text, long maximum = 0)
    {
        maximum = maximum > 0 ? maximum : Array.MaxLength;
        var trimmed = text.Trim();
        var shift = trimmed.Length == 0 ? 0 : char.ToUpperInvariant(trimmed[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 };
        var digits = shift == 0 ? trimmed : trimmed[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > maximum >> shift)
        {
            return null;
        }

        return number << shift;
    }

    internal static string ToolVersion()
        => typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

}
