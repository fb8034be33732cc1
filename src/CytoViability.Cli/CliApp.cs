using System.CommandLine;
using System.Reflection;

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
        root.Subcommands.Add(Commands.PlanCommand.Create());
        root.Subcommands.Add(Commands.MergeCommand.Create());
        root.Subcommands.Add(Commands.GatingMlCommand.Create());
        root.Subcommands.Add(Commands.ExampleCommand.Create());
        root.Subcommands.Add(Commands.ReportCommand.Create());
        root.Subcommands.Add(Commands.FlowJoCommand.Create());
        root.Subcommands.Add(Commands.TemplatesCommand.Create());
        root.Subcommands.Add(Commands.SlurmCommand.Create());
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new VersionAction();
            }
        }

        return root;
    }

    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        var parseResult = BuildRoot().Parse(args);
        if (parseResult.Action is System.CommandLine.Invocation.ParseErrorAction parseError)
        {
            // A mistyped option gets its one-line error, not the whole help page (DESIGN.md: exit 1, one line).
            parseError.ShowHelp = false;
        }

        try
        {
            return parseResult.Invoke(configuration);
        }
        catch (IOException exception)
        {
            // The console itself failed (stdout redirected to a full disk or a closed pipe): the commands handle their
            // own files, so this is where writing their results went wrong. One line, not a stack trace.
            return Report(configuration.Error, "error: " + exception.Message + " (writing the command's output)");
        }
        catch (CytoViabilityException exception)
        {
            // A problem with the lab's input that no command turned into its own message: it names the file and the
            // place, so it is one error line, not a stack trace.
            return Report(configuration.Error, "error: " + exception.Message);
        }
        catch (Exception exception)
        {
            // Anything else is a defect: keep the whole trace for the bug report, as the default handler did.
            return Report(configuration.Error, "Unhandled exception: " + exception);
        }
    }

    private static int Report(TextWriter error, string message)
    {
        try
        {
            error.WriteLine(message);
        }
        catch (IOException)
        {
            // stderr is gone too; the exit code still says it failed.
        }

        return ExitCodes.UsageOrConfiguration;
    }

    /// <summary>`--version`: the tool's version and, for native code, the instruction-set build that runs (NativeBuilds).</summary>
    private sealed class VersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var version = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            var build = NativeBuilds.Level is not { } level ? string.Empty
                : NativeBuilds.Avx512Build() is not null ? " (native " + level + "; " + NativeBuilds.HandedOver + " run the x86-64-v4 build on this CPU)"
                : " (native " + level + ")";
            parseResult.InvocationConfiguration.Output.WriteLine(version + build);
            return ExitCodes.Success;
        }
    }
}
