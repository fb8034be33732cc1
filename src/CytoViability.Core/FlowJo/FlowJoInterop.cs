using CytoViability.Core.Csv;
using CytoViability.Core.Files;
using CytoViability.Core.GatingMl;
using CytoViability.Core.Output;

namespace CytoViability.Core.FlowJo;

/// <summary>
/// One file written by an import, what it holds, and every construct that did not convert exactly.
/// <see cref="Overrides"/> is the number of gate overrides in an overrides file (0 for a template).
/// </summary>
internal sealed record FlowJoImportedFile(string Path, string Description, int Converted, int Populations, string? MatrixFile, IReadOnlyList<string> Warnings, int Overrides = 0);

/// <summary>The public face of the FlowJo interchange: import, audit and export (docs/flowjo.md).</summary>
internal static class FlowJoInterop
{
    /// <summary>
    /// Converts a workspace into a template at <paramref name="templatePath"/> (plus matrix CSVs beside it, an
    /// overrides file for custom sample gates that differ only in bounds or dividers, and per-sample templates for
    /// the others). A workspace that cannot be read, or an unknown group/sample, throws
    /// <see cref="GatingMlException"/> naming the file.
    /// </summary>
    public static IReadOnlyList<FlowJoImportedFile> Import(string workspacePath, string? group, string? sample, string templatePath)
    {
        var workspace = WorkspaceReader.ReadFile(workspacePath);
        var stem = Path.GetFileNameWithoutExtension(templatePath);
        var plan = WorkspaceImport.Plan(workspace, group, sample, stem, out var problem);
        if (problem is not null)
        {
            throw new GatingMlException(workspacePath, 0, 0, problem);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(templatePath))!;
        var written = new List<FlowJoImportedFile>();
        foreach (var file in plan.Templates)
        {
            var path = file.Suffix.Length == 0 ? templatePath : Path.Combine(folder, stem + "." + file.Suffix + ".yaml");
            file.Template.WriteTo(path);
            written.Add(new FlowJoImportedFile(
                path,
                file.Description,
                file.Template.Populations.Count(population => population.GateId is not null),
                file.Template.Populations.Count,
                file.Template.MatrixFileName,
                file.Template.Problems.Select(warning => warning.ToString()).ToArray()));
        }

        if (plan.Overrides.Count > 0)
        {
            var path = Path.Combine(folder, stem + ".overrides.yaml");
            AtomicFile.WriteText(path, CustomGateOverrides.Yaml(Path.GetFileName(templatePath), plan.Overrides));
            var samples = plan.Overrides.Select(coordinate => coordinate.Sample).Distinct(StringComparer.Ordinal).Count();
            written.Add(new FlowJoImportedFile(path, "gate overrides for the custom gates of " + samples + " sample(s)", 0, 0, null, [], plan.Overrides.Count));
        }

        return written;
    }

    /// <summary>The parity table's file name inside the audit's output folder.</summary>
    public const string ParityFile = "flowjo_parity.csv";

    /// <summary>
    /// Gates every sample of the workspace whose FCS file is in <paramref name="folder"/> with its imported template
    /// and writes <see cref="ParityFile"/> (and the per-sample templates under templates/) to
    /// <paramref name="outputFolder"/>, which changes as one unit (a folder CytoViability does not own is refused). <paramref name="binned"/> reports the bin-centre counts instead of exact ones.
    /// </summary>
    public static IReadOnlyList<ParityRow> Audit(string workspacePath, string folder, string outputFolder, bool binned)
    {
        var workspace = WorkspaceReader.ReadFile(workspacePath);
        if (!Directory.Exists(folder))
        {
            throw new GatingMlException(folder, 0, 0, "the FCS folder does not exist");
        }

        // The audit's folder changes as one unit, like a run's: written aside, swapped in when complete.
        using var generation = OutputGeneration.Open(outputFolder);
        var rows = FlowJoAudit.Run(workspace, folder, generation.StagingPath, generation.FullPath, binned);
        generation.WriteText(ParityFile, writer =>
        {
            using var csv = new CsvRowWriter(writer);
            csv.Row(["sample", "sample_id", "population", "flowjo_count", "our_count", "difference", "percent", "cause", "workspace_gate", "binned_low", "binned_high"]);
            foreach (var row in rows)
            {
                csv.Text(row.Sample);
                csv.Text(row.SampleId);
                csv.Text(row.Population);
                Integer(csv, row.FlowJoCount);
                Integer(csv, row.OurCount);
                Integer(csv, row.Difference);
                csv.Number(row.Percent);
                csv.Text(row.Cause);
                csv.Text(row.WorkspaceGate);
                Integer(csv, row.BinnedLow);
                Integer(csv, row.BinnedHigh);
                csv.EndRow();
            }
        });
        generation.Commit();
        return rows;
    }

    private static void Integer(CsvRowWriter csv, long? value)
    {
        if (value is { } number)
        {
            csv.Integer(number);
        }
        else
        {
            csv.Text(string.Empty);
        }
    }

    /// <summary>
    /// Writes the finished run in <paramref name="runFolder"/> as a FlowJo 10 workspace at <paramref name="workspacePath"/>;
    /// returns what could not be carried (each a sentence naming the file or gate).
    /// </summary>
    public static IReadOnlyList<string> Export(string runFolder, string workspacePath)
    {
        var warnings = new List<string>();
        var document = WorkspaceWriter.Write(runFolder, workspacePath, warnings);
        AtomicFile.Write(workspacePath, document.Save);
        return warnings;
    }
}
