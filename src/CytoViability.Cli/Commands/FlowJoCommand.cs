using System.CommandLine;
using CytoViability.Core.FlowJo;
using CytoViability.Core.GatingMl;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability flowjo import|audit|export`: FlowJo workspaces to templates, FlowJo count parity gate by gate,
/// and finished runs back to a FlowJo 10 workspace (docs/flowjo.md).
/// </summary>
internal static class FlowJoCommand
{
    public static Command Create()
    {
        var command = new Command("flowjo", "Import FlowJo workspaces as templates, audit FlowJo count parity, export runs as workspaces.");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Audit());
        command.Subcommands.Add(Export());
        return command;
    }

    private static Command Export()
    {
        var runFolder = new Argument<string>("OUTDIR") { Description = "the output folder of a finished run (run.json, populations.csv)" };
        var output = new Option<string>("--out") { Description = "the FlowJo 10 workspace to write (.wsp)", Required = true };
        var command = new Command("export", "Write a finished run as a FlowJo 10 workspace: samples by relative path, transforms, compensation, gates and counts.")
        {
            runFolder, output,
        };
        command.SetAction(parseResult =>
        {
            var target = parseResult.GetValue(output)!;
            IReadOnlyList<string> warnings;
            try
            {
                warnings = FlowJoInterop.Export(parseResult.GetValue(runFolder)!, target);
            }
            catch (Exception exception) when (exception is CytoViabilityException or InvalidDataException or IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or KeyNotFoundException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("error: " + exception.Message);
                return ExitCodes.UsageOrConfiguration;
            }

            var writer = parseResult.InvocationConfiguration.Output;
            writer.WriteLine(target + ": written");
            foreach (var warning in warnings)
            {
                writer.WriteLine("  warning: " + warning);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Audit()
    {
        var workspace = new Argument<string>("WSP") { Description = "the FlowJo workspace whose stored counts are the reference" };
        var folder = new Argument<string>("FOLDER") { Description = "the folder holding the workspace's FCS files" };
        var output = new Option<string?>("--out") { Description = "output folder (default FOLDER/cytoviability-flowjo-audit)" };
        var binned = new Option<bool>("--binned") { Description = "count polygons and ellipses on FlowJo's display bins (bin-centre rule) instead of exact geometry" };
        var command = new Command("audit", "Gate the workspace's samples with its imported gates and compare every population with FlowJo's stored count (flowjo_parity.csv).")
        {
            workspace, folder, output, binned,
        };
        command.SetAction(parseResult =>
        {
            var outputWriter = parseResult.InvocationConfiguration.Output;
            var folderPath = parseResult.GetValue(folder)!;
            var target = parseResult.GetValue(output) ?? Path.Combine(folderPath, "cytoviability-flowjo-audit");
            IReadOnlyList<ParityRow> rows;
            try
            {
                rows = FlowJoInterop.Audit(parseResult.GetValue(workspace)!, folderPath, target, parseResult.GetValue(binned));
            }
            catch (Exception exception) when (exception is GatingMlException or IOException or UnauthorizedAccessException or Core.Output.OutputFolderException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("error: " + exception.Message);
                return ExitCodes.UsageOrConfiguration;
            }

            outputWriter.WriteLine(Path.Combine(target, FlowJoInterop.ParityFile) + ": " + rows.Count + " sample × population rows");
            foreach (var group in rows.GroupBy(row => row.Cause).OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                outputWriter.WriteLine("  " + group.Key + ": " + group.Count());
            }

            return rows.Any(row => row.Cause is "unexplained" or "transform" or "compensation" or "curlyquad" or "channel_missing" or "event_count" or "unreadable_fcs" or "error")
                ? ExitCodes.SomeInputsFailed
                : ExitCodes.Success;
        });
        return command;
    }

    private static Command Import()
    {
        var workspace = new Argument<string>("WSP") { Description = "the FlowJo 10 .wsp or FlowJo 9 .xml workspace" };
        var group = new Option<string?>("--group") { Description = "convert this group's gates (default: the group with the most gates)" };
        var sample = new Option<string?>("--sample") { Description = "convert this sample's gates as applied (sampleID, name or file name)" };
        var output = new Option<string>("--out") { Description = "the template to write (YAML)", Required = true };
        var command = new Command("import", "Convert a FlowJo workspace's gates, transforms and compensation into a template.")
        {
            workspace, group, sample, output,
        };
        command.SetAction(parseResult =>
        {
            var outputWriter = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(workspace)!;
            var target = parseResult.GetValue(output)!;
            IReadOnlyList<FlowJoImportedFile> files;
            try
            {
                files = FlowJoInterop.Import(path, parseResult.GetValue(group), parseResult.GetValue(sample), target);
            }
            catch (Exception exception) when (exception is GatingMlException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine("error: " + exception.Message);
                return ExitCodes.UsageOrConfiguration;
            }

            foreach (var file in files)
            {
                outputWriter.WriteLine(file.Overrides > 0
                    ? file.Path + ": " + file.Description + ", " + file.Overrides + " coordinates (experiment.yaml: overrides: " + Path.GetFileName(file.Path) + ")"
                    : file.Path + ": " + file.Description + ", " + file.Converted + " of " + file.Populations + " populations converted" + (file.MatrixFile is { } matrix ? ", matrix " + matrix : string.Empty));
                foreach (var warning in file.Warnings)
                {
                    outputWriter.WriteLine("  warning: " + path + ":" + warning);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
