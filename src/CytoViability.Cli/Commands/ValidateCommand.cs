using System.CommandLine;
using CytoViability.Core.Runs;
using CytoViability.Core.Templates;

namespace CytoViability.Cli.Commands;

/// <summary>`cytoviability validate TEMPLATE`: every problem of a gating template, one line each with line and column.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var template = new Argument<string>("TEMPLATE") { Description = "the gating template (YAML) to check" };
        var data = new Option<string?>("--data") { Description = "an FCS file or experiment folder: also check that every channel alias resolves in its files, and show how (by marker or by detector, to which $PnN)" };
        var command = new Command("validate", "Check a gating template; every problem is printed with its line and column.")
        {
            template, data,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var path = parseResult.GetValue(template)!;
            var result = TemplateLoader.LoadFile(path);
            foreach (var problem in result.Problems)
            {
                output.WriteLine(problem.ToString());
            }

            if (result.Template is not { } loaded)
            {
                output.WriteLine(result.Problems.Count + (result.Problems.Count == 1 ? " problem" : " problems") + " in " + path);
                return ExitCodes.UsageOrConfiguration;
            }

            var detectorNote = string.Empty;
            if (parseResult.GetValue(data) is { } dataPath)
            {
                var check = ChannelCheck.Check(loaded, dataPath);
                foreach (var line in check.Files)
                {
                    output.WriteLine(line);
                }

                foreach (var problem in check.Problems)
                {
                    output.WriteLine(problem.ToString());
                }

                if (check.Problems.Count > 0)
                {
                    output.WriteLine(check.Problems.Count + (check.Problems.Count == 1 ? " problem" : " problems") + " with the data in " + dataPath);
                    return ExitCodes.UsageOrConfiguration;
                }

                if (check.FilesMatchedByDetector > 0)
                {
                    detectorNote = "; in " + check.FilesMatchedByDetector + " of " + check.Files.Count + " files a channel was taken by detector because no $PnS label matched (see above; a run warns in qc.csv)";
                }
            }

            output.WriteLine(path + ": ok (" + loaded.Channels.Count + " channels, " + loaded.Gates.Count + " gates, " + (loaded.Populations.Count - 1) + " populations)" + detectorNote);
            return ExitCodes.Success;
        });
        return command;
    }
}
