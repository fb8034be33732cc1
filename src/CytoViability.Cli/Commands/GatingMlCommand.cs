using System.CommandLine;
using CytoViability.Core.Compensation;
using CytoViability.Core.Fcs;
using CytoViability.Core.Gating;
using CytoViability.Core.GatingMl;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability gatingml FCS GATINGML.xml --out DIR`: evaluates every population of a Gating-ML 2.0 document on the
/// file and writes DIR/&lt;id&gt;.txt with one 1 or 0 per event in file order (the compliance suite's truth layout).
/// </summary>
internal static class GatingMlCommand
{
    public static Command Create()
    {
        var fcs = new Argument<string>("FCS") { Description = "the FCS file to gate" };
        var document = new Argument<string>("GATINGML") { Description = "the Gating-ML 2.0 document" };
        var output = new Option<string>("--out") { Description = "folder for the <gateId>.txt membership files", Required = true };
        var dataSet = new Option<int>("--dataset") { Description = "data set of the file, 0-based as in export", DefaultValueFactory = _ => 0 };
        var command = new Command("gatingml", "Evaluate every gate of a Gating-ML 2.0 document on an FCS file; one 1/0 line per event per gate.")
        {
            fcs,
            document,
            output,
            dataSet,
        };
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Import());
        command.SetAction(parseResult => Run(
            parseResult.GetValue(fcs)!,
            parseResult.GetValue(document)!,
            parseResult.GetValue(output)!,
            parseResult.GetValue(dataSet),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static Command Export()
    {
        var template = new Argument<string>("TEMPLATE") { Description = "the gating template (YAML)" };
        var output = new Option<string>("--out") { Description = "the Gating-ML 2.0 document to write", Required = true };
        var command = new Command("export", "Write a template's gates, transforms and compensation as a Gating-ML 2.0 document.") { template, output };
        command.SetAction(parseResult =>
        {
            var target = parseResult.GetValue(output)!;
            try
            {
                TemplateGatingMl.Export(parseResult.GetValue(template)!, target);
            }
            catch (Exception exception) when (exception is GatingMlException or IOException or UnauthorizedAccessException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("error: " + exception.Message);
                return ExitCodes.UsageOrConfiguration;
            }

            parseResult.InvocationConfiguration.Output.WriteLine(target + ": written");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import()
    {
        var document = new Argument<string>("GATINGML") { Description = "the Gating-ML 2.0 document" };
        var output = new Option<string>("--out") { Description = "the template to write (YAML)", Required = true };
        var command = new Command("import", "Convert a Gating-ML 2.0 document into a template; what cannot be converted is listed.") { document, output };
        command.SetAction(parseResult =>
        {
            var target = parseResult.GetValue(output)!;
            var writer = parseResult.InvocationConfiguration.Output;
            try
            {
                foreach (var warning in TemplateGatingMl.Import(parseResult.GetValue(document)!, target))
                {
                    writer.WriteLine("warning: " + warning);
                }
            }
            catch (Exception exception) when (exception is GatingMlException or IOException or UnauthorizedAccessException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("error: " + exception.Message);
                return ExitCodes.UsageOrConfiguration;
            }

            var loaded = Core.Templates.TemplateLoader.LoadFile(target);
            foreach (var problem in loaded.Problems)
            {
                writer.WriteLine(problem.ToString());
            }

            writer.WriteLine(target + (loaded.Template is null ? ": written, but it does not validate" : ": written and validated"));
            return loaded.Template is null ? ExitCodes.UsageOrConfiguration : ExitCodes.Success;
        });
        return command;
    }

    private static int Run(string fcsPath, string documentPath, string outputFolder, int dataSetNumber, TextWriter output, TextWriter error)
    {
        GatingStrategy strategy;
        try
        {
            strategy = GatingMlReader.ReadFile(documentPath);
        }
        catch (GatingMlException exception)
        {
            error.WriteLine("error: " + exception.Message);
            return ExitCodes.UsageOrConfiguration;
        }

        foreach (var id in strategy.PopulationIds)
        {
            if (!IsSafeFileName(id))
            {
                error.WriteLine("error: " + documentPath + ": gate id '" + id + "' cannot be used as a file name in " + outputFolder);
                return ExitCodes.UsageOrConfiguration;
            }
        }

        GatingResult result;
        try
        {
            var file = FcsReader.ReadFile(fcsPath);
            if (dataSetNumber < 0 || dataSetNumber >= file.DataSets.Count)
            {
                error.WriteLine("error: " + fcsPath + " has " + file.DataSets.Count + " data set(s); --dataset " + dataSetNumber + " does not exist");
                return ExitCodes.UsageOrConfiguration;
            }

            result = strategy.Evaluate(file.DataSets[dataSetNumber]);
        }
        catch (Exception exception) when (exception is CytoViabilityException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + exception.Message);
            return ExitCodes.NothingProcessed;
        }

        Directory.CreateDirectory(outputFolder);
        foreach (var id in strategy.PopulationIds)
        {
            var membership = result.Membership(id);
            WriteAtomically(Path.Combine(outputFolder, id + ".txt"), Lines(membership));
            output.WriteLine(id + ": " + membership.Count() + " of " + result.EventCount + " events");
        }

        return ExitCodes.Success;
    }

    private static byte[] Lines(Bitset membership)
    {
        var bytes = new byte[membership.Length * 2];
        for (var i = 0; i < membership.Length; i++)
        {
            bytes[2 * i] = membership.IsSet(i) ? (byte)'1' : (byte)'0';
            bytes[(2 * i) + 1] = (byte)'\n';
        }

        return bytes;
    }

    private static bool IsSafeFileName(string id) =>
        id.Length > 0 && id.Length <= 200 && id is not "." and not ".." && id.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && id.IndexOfAny(['/', '\\', ':']) < 0;

    private static void WriteAtomically(string path, byte[] content)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
