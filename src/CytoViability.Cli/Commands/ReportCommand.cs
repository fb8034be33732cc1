using System.CommandLine;
using CytoViability.Reports;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability report OUTDIR`: rebuilds report.html and the condition charts from a finished run's CSV files and
/// run.json, and redraws the per-sample gate plots from plots/gate-plots.bin (the FCS files are not needed). The folder
/// is locked and replaced as one unit, as by `run`; gate plots of another run than run.json's are refused.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("OUTDIR") { Description = "the output folder of a finished `cytoviability run`" };
        var command = new Command("report", "Rebuild report.html and the plots from a finished run's outputs.")
        {
            folder,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(folder)!;
            if (!Directory.Exists(path))
            {
                error.WriteLine("error: output folder '" + path + "' does not exist");
                return ExitCodes.UsageOrConfiguration;
            }

            if (!File.Exists(Path.Combine(path, "run.json")) && !File.Exists(Path.Combine(path, "qc.csv")))
            {
                error.WriteLine("error: '" + path + "' holds neither run.json nor qc.csv: not the output folder of a run");
                return ExitCodes.UsageOrConfiguration;
            }

            ReportOutcome outcome;
            try
            {
                outcome = ReportBuilder.Build(path, progress: output.WriteLine);
            }
            // EFBIG (a file size limit) comes as ArgumentOutOfRangeException from the stream; see BatchRun.
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException or Core.Output.OutputFolderException)
            {
                error.WriteLine("error: the report could not be written (nothing was replaced): " + exception.Message);
                return ExitCodes.UsageOrConfiguration;
            }

            foreach (var problem in outcome.Problems)
            {
                error.WriteLine("warning: " + problem);
            }

            output.WriteLine(outcome.ReportPath + " (" + outcome.Figures + " figures)");
            return ExitCodes.Success;
        });
        return command;
    }
}
