using CytoViability.Core.Output;

namespace CytoViability.Core.Examples;

/// <summary>
/// Writes the example experiments (viability, fasl-trail, adcc, gamma-delta, purity, cd40l-mfi), one folder
/// each under a directory, with their sample sheets and truth tables, then the same six acquired on a second
/// day with another cytometer set-up (viability-day2, …). The same options give the same bytes.
/// </summary>
internal static class ExampleExperiments
{
    /// <summary>The experiment folder names of one day, in the order they are written (the second day adds "-day2").</summary>
    public static IReadOnlyList<string> Folders { get; } = ["viability", "fasl-trail", "adcc", "gamma-delta", "purity", "cd40l-mfi"];

    /// <exception cref="ArgumentOutOfRangeException">Donors, events or a gain out of range.</exception>
    /// <exception cref="ArgumentException">Experiments names an experiment that does not exist.</exception>
    /// <exception cref="IOException">A target folder holds FCS files this run would not write (they would join the experiment).</exception>
    public static IReadOnlyList<ExampleFolderSummary> Write(string directory, ExampleOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var name in options.Experiments ?? [])
        {
            if (!Folders.Contains(name))
            {
                throw new ArgumentException("There is no example experiment '" + name + "' (known: " + string.Join(", ", Folders) + ").", nameof(options));
            }
        }

        var experiments = ExampleDesigns.Build(options).Concat(ExampleDesigns.BuildSecondDay(options))
            .Where(e => options.Experiments is null || options.Experiments.Contains(e.Folder.Replace(ExampleDesigns.SecondDaySuffix, "", StringComparison.Ordinal)))
            .ToList();
        RefuseForeignFiles(directory, experiments);

        var summaries = new List<ExampleFolderSummary>(experiments.Count);
        using var output = new OutputFolder(directory);
        foreach (var experiment in experiments)
        {
            long events = 0;
            ExampleFolderWriter.Write(output, experiment, options, tube => events += tube.Labels.Length);
            summaries.Add(new ExampleFolderSummary(experiment.Folder, experiment.Template, experiment.Tubes.Count, events, 0));
        }

        output.Commit();
        for (var i = 0; i < summaries.Count; i++)
        {
            var folder = Path.Combine(output.FullPath, summaries[i].Folder);
            long bytes = 0;
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                bytes += new FileInfo(file).Length;
            }

            summaries[i] = summaries[i] with { Folder = folder, Bytes = bytes };
        }

        return summaries;
    }

    /// <summary>
    /// A run reads every FCS file under an experiment folder, so FCS files left from an earlier example with
    /// other options (say, more donors) would silently join this one. They are the user's files: refuse, never delete.
    /// </summary>
    private static void RefuseForeignFiles(string directory, IReadOnlyList<ExperimentPlan> experiments)
    {
        foreach (var experiment in experiments)
        {
            var folder = Path.Combine(directory, experiment.Folder);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            var expected = new HashSet<string>(experiment.Tubes.Select(t => t.FileName), StringComparer.OrdinalIgnoreCase);
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var extension = Path.GetExtension(file);
                var isFcs = extension.Equals(".fcs", StringComparison.OrdinalIgnoreCase) || extension.Equals(".lmd", StringComparison.OrdinalIgnoreCase);
                if (isFcs && !expected.Contains(Path.GetRelativePath(folder, file)))
                {
                    throw new IOException(
                        "'" + file + "' is not part of the example being written; remove the folder '" + folder
                        + "' or choose another directory (an example folder must hold only its own FCS files).");
                }
            }
        }
    }
}
