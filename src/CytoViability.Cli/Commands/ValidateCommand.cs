using System.CommandLine;
using CytoViability.Core.Templates;

namespace CytoViability.Cli.Commands;

/// <summary>`cytoviability validate TEMPLATE`: every problem of a gating template, one line each with line and column.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var template = new Argument<string>("TEMPLATE") { Description = "the gating template (YAML) to check" };
        var command = new Command("validate", "Check a gating template; every problem is printed with its line and column.")
        {
            template,
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

            output.WriteLine(path + ": ok (" + loaded.Channels.Count + " channels, " + loaded.Gates.Count + " gates, " + (loaded.Populations.Count - 1) + " populations)");
            return ExitCodes.Success;
        });
        return command;
    }
}
