using System.CommandLine;
using CytoViability.Core.Templates;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability templates [show NAME | copy NAME DIR [--force]]`: the gating templates shipped inside the tool,
/// listed with one line each, printed, or written out for a lab to adapt.
/// </summary>
internal static class TemplatesCommand
{
    public static Command Create()
    {
        var command = new Command("templates", "List the gating templates shipped with the tool (usable by name in `run --template` and experiment.yaml).")
        {
            Show(),
            Copy(),
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var width = ShippedTemplates.Names.Max(name => name.Length) + 2;
            foreach (var name in ShippedTemplates.Names)
            {
                output.WriteLine(name.PadRight(width) + OneLine(name));
            }

            output.WriteLine("Use one by name (template: NAME in experiment.yaml, or --template NAME); `templates show NAME` prints it, `templates copy NAME DIR` writes it out to adapt.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("NAME") { Description = "a shipped template's name (see `cytoviability templates`)" };
        var command = new Command("show", "Print a shipped template's YAML.") { name };
        command.SetAction(parseResult =>
        {
            if (Resolve(parseResult.GetValue(name)!, parseResult.InvocationConfiguration.Error) is not { } shipped)
            {
                return ExitCodes.UsageOrConfiguration;
            }

            using var reader = new StreamReader(new MemoryStream(ShippedTemplates.ReadBytes(shipped)));
            parseResult.InvocationConfiguration.Output.Write(reader.ReadToEnd());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Copy()
    {
        var name = new Argument<string>("NAME") { Description = "a shipped template's name (see `cytoviability templates`)" };
        var directory = new Argument<string>("DIR") { Description = "folder to write NAME.yaml into (created when missing)" };
        var force = new Option<bool>("--force") { Description = "replace an existing NAME.yaml" };
        var command = new Command("copy", "Write a shipped template to DIR/NAME.yaml for a lab to adapt; never replaces a file unless --force.")
        {
            name, directory, force,
        };
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            if (Resolve(parseResult.GetValue(name)!, error) is not { } shipped)
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var path = Path.Combine(parseResult.GetValue(directory)!, shipped + ".yaml");
            if (File.Exists(path) && !parseResult.GetValue(force))
            {
                error.WriteLine("error: " + path + " already exists; nothing was written (add --force to replace it)");
                return ExitCodes.UsageOrConfiguration;
            }

            try
            {
                Directory.CreateDirectory(parseResult.GetValue(directory)!);
                File.WriteAllBytes(path, ShippedTemplates.ReadBytes(shipped));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine("error: " + path + " could not be written: " + exception.Message);
                return ExitCodes.UsageOrConfiguration;
            }

            parseResult.InvocationConfiguration.Output.WriteLine("wrote " + path + " (check it with: cytoviability validate " + path + ")");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string? Resolve(string name, TextWriter error)
    {
        if (ShippedTemplates.Find(name) is { } shipped)
        {
            return shipped;
        }

        error.WriteLine("error: no shipped template named '" + name + "'; shipped: " + string.Join(", ", ShippedTemplates.Names));
        return null;
    }

    /// <summary>The template's title and the first sentence of its description.</summary>
    private static string OneLine(string name)
    {
        var template = ShippedTemplates.Load(name, AppContext.BaseDirectory).Template;
        var title = template?.Name ?? name;
        var description = template?.Description?.Trim() ?? "";
        var end = description.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end < 0 ? description : description[..(end + 1)];
        return sentence.Length == 0 ? title : title + ": " + sentence;
    }
}
