using System.CommandLine;

namespace CytoViability.Cli;

/// <summary>Builds the command tree; each command lives in Commands/ and registers itself here.</summary>
internal static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("CytoViability: batch gating of flow cytometry experiments (FCS in, CSV and QC report out).");
        root.Subcommands.Add(Commands.InspectCommand.Create());
        root.Subcommands.Add(Commands.ExportCommand.Create());
        root.Subcommands.Add(Commands.ValidateCommand.Create());
        root.Subcommands.Add(Commands.RunCommand.Create());
        root.Subcommands.Add(Commands.GatingMlCommand.Create());
        root.Subcommands.Add(Commands.ExampleCommand.Create());
        root.Subcommands.Add(Commands.ReportCommand.Create());
        root.Subcommands.Add(Commands.TemplatesCommand.Create());
        return root;
    }

    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        var parseResult = BuildRoot().Parse(args);
        if (parseResult.Action is System.CommandLine.Invocation.ParseErrorAction parseError)
        {
            // A mistyped option gets its one-line error, not the whole help page (DESIGN.md: exit 1, one line).
            parseError.ShowHelp = false;
        }

        return parseResult.Invoke(configuration);
    }
}
