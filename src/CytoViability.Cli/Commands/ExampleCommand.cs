using System.CommandLine;
using System.Globalization;
using CytoViability.Core.Examples;

namespace CytoViability.Cli.Commands;

/// <summary>`cytoviability example DIR [--seed N] [--donors N] [--events N]`: writes the example experiments with their truth.</summary>
internal static class ExampleCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Folder to write the example experiments into (one sub-folder per assay)." };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the generator; the same seed writes the same bytes.",
            DefaultValueFactory = _ => ExampleOptions.DefaultSeed,
        };
        var donors = new Option<int>("--donors")
        {
            Description = "Number of CLL donors per experiment (1-99).",
            DefaultValueFactory = _ => ExampleOptions.DefaultDonors,
        };
        var events = new Option<int>("--events")
        {
            Description = "Events per tube (ADCC tubes record twice as many, as only ~3 % of their events are targets).",
            DefaultValueFactory = _ => ExampleOptions.DefaultEvents,
        };

        var command = new Command("example", "Write example FACSCanto II experiments (viability, FASL/TRAIL, ADCC, gamma-delta, purity, CD40L) with their truth tables, on two days with different cytometer set-ups.")
        {
            directory,
            seed,
            donors,
            events,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = new ExampleOptions { Seed = parse.GetValue(seed), Donors = parse.GetValue(donors), Events = parse.GetValue(events) };
            if (options.Donors is < 1 or > 99 || options.Events is < 100 or > 10_000_000)
            {
                error.WriteLine("example: --donors must be 1-99 and --events 100-10000000.");
                return ExitCodes.UsageOrConfiguration;
            }

            IReadOnlyList<ExampleFolderSummary> written;
            try
            {
                written = ExampleExperiments.Write(parse.GetRequiredValue(directory), options);
            }
            catch (IOException exception)
            {
                error.WriteLine("example: " + exception.Message);
                return ExitCodes.UsageOrConfiguration;
            }
            catch (UnauthorizedAccessException exception)
            {
                error.WriteLine("example: " + exception.Message);
                return ExitCodes.UsageOrConfiguration;
            }

            long totalBytes = 0;
            foreach (var folder in written)
            {
                totalBytes += folder.Bytes;
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{folder.Folder}: {folder.Files} FCS files, {folder.Events} events, {folder.Bytes / 1024.0:0} KiB (template {folder.Template}; truth in truth.csv)"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {options.Seed}, {options.Donors} donors, {options.Events} events per tube: {totalBytes / 1048576.0:0.0} MiB in all."));
            if (options.SecondSetup is { } second)
            {
                output.WriteLine("The -day2 folders are a second day after a cytometer re-set-up: " + second.Describe() + ".");
            }

            output.WriteLine("Next: cytoviability run " + Path.Combine(parse.GetRequiredValue(directory), "adcc"));
            return ExitCodes.Success;
        });
        return command;
    }
}
