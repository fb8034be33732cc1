using System.CommandLine;
using System.Globalization;
using System.Reflection;
using CytoViability.Cli.Runs;
using CytoViability.Core.Output;
using CytoViability.Core.Runs;
using CytoViability.Reports.Results;
using Serilog;
using Serilog.Events;
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
        var folder = new Argument<string>("FOLDER") { Description = "the experiment folder (FCS files, optional experiment.yaml and sample sheet)" };
        var template = new Option<string?>("--template") { Description = "gating template (YAML); default: experiment.yaml's" };
        var samples = new Option<string?>("--samples") { Description = "sample sheet (CSV); default: experiment.yaml's, else metadata rules only" };
        var output = new Option<string?>("--out") { Description = "output folder; default: FOLDER/cytoviability-out" };
        var threads = new Option<int>("--threads") { Description = "files processed at once; default: every core", DefaultValueFactory = _ => 0 };
        var noReport = new Option<bool>("--no-report") { Description = "skip report.html and plots" };
        var failOnQc = new Option<bool>("--fail-on-qc") { Description = "exit with code 4 when qc.csv holds a fail row (for pipelines)" };
        var command = new Command("run", "Gate every FCS file of an experiment folder and write populations, MFI, assay, summary and QC tables.")
        {
            folder, template, samples, output, threads, noReport, failOnQc,
        };
        command.SetAction(parseResult => Execute(
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            new RunRequest(parseResult.GetValue(folder)!, parseResult.GetValue(template), parseResult.GetValue(samples), parseResult.GetValue(output), parseResult.GetValue(threads)),
            parseResult.GetValue(noReport),
            parseResult.GetValue(failOnQc)));
        return command;
    }

    private static int Execute(TextWriter output, TextWriter error, RunRequest request, bool noReport, bool failOnQc)
    {
        if (request.Threads < 0)
        {
            error.WriteLine("error: --threads must be 0 (every core) or more");
            return ExitCodes.UsageOrConfiguration;
        }

        var logPath = Path.Combine(Path.GetTempPath(), "cytoviability-run-" + Guid.NewGuid().ToString("N") + ".log");
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.File(logPath, outputTemplate: LogTemplate, formatProvider: CultureInfo.InvariantCulture);
        if (!interactive)
        {
            configuration = configuration.WriteTo.Sink(new TextWriterSink(output), LogEventLevel.Information);
        }

        using var log = configuration.CreateLogger();
        var plots = noReport ? null : new ReportPlots();
        var full = request with
        {
            ToolVersion = ToolVersion(),
            ShippedTemplatesFolder = ShippedTemplatesFolder(),
            StageExtraFiles = folder => folder.Write("run.log", stream => CopyLog(logPath, stream)),
            OnGated = plots is null ? null : plots.Add,
        };
        RunOutcome outcome;
        try
        {
            log.Information("cytoviability {Version:l} run {Folder:l}", full.ToolVersion, Path.GetFullPath(request.Folder));
            if (interactive)
            {
                RunOutcome? result = null;
                AnsiConsole.Progress().AutoClear(false).Start(context => result = BatchRun.Execute(full, new ConsoleRunObserver(log, context)));
                outcome = result!;
            }
            else
            {
                outcome = BatchRun.Execute(full, new ConsoleRunObserver(log, null));
            }
        }
        finally
        {
            log.Dispose();
            TryDelete(logPath);
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
        string? reportPath = null;
        if (plots is not null && outcome.OutputFolder is { } outputFolder)
        {
            reportPath = plots.WriteReport(outputFolder, request.Threads, output, error);
        }

        var qcFailed = false;
        if (outcome.OutputFolder is { } folder)
        {
            var digest = RunDigest.Read(folder, outcome.Template);
            ConsoleSummary.Write(output, digest, folder, reportPath);
            qcFailed = digest.Fails.Count > 0 || digest.FailedFiles.Count > 0;
        }

        return outcome.Status switch
        {
            RunStatus.Success when failOnQc && qcFailed => ExitCodes.QcFailed,
            RunStatus.Success => ExitCodes.Success,
            RunStatus.SomeInputsFailed => ExitCodes.SomeInputsFailed,
            _ => ExitCodes.NothingProcessed,
        };
    }

    private static void CopyLog(string logPath, Stream destination)
    {
        using var source = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        source.CopyTo(destination);
    }

    private static string ToolVersion()
        => typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>gating-templates/ beside the program, else in the repository it was built from.</summary>
    private static string? ShippedTemplatesFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "gating-templates");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary log is harmless; the temp folder is cleaned by the system.
        }
    }
}
