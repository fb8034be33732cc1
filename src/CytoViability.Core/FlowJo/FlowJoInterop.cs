using CytoViability.Core.GatingMl;

namespace CytoViability.Core.FlowJo;

/// <summary>One file written by an import, what it holds, and every construct that did not convert exactly.</summary>
public sealed record FlowJoImportedFile(string Path, string Description, int Converted, int Populations, string? MatrixFile, IReadOnlyList<string> Warnings);

/// <summary>The public face of the FlowJo interchange: import, audit and export (docs/flowjo.md).</summary>
public static class FlowJoInterop
{
    /// <summary>
    /// Converts a workspace into a template at <paramref name="templatePath"/> (plus matrix CSVs and per-sample
    /// templates beside it). A workspace that cannot be read, or an unknown group/sample, throws
    /// <see cref="GatingMlException"/> naming the file.
    /// </summary>
    public static IReadOnlyList<FlowJoImportedFile> Import(string workspacePath, string? group, string? sample, string templatePath)
    {
        var workspace = WorkspaceReader.ReadFile(workspacePath);
        var stem = Path.GetFileNameWithoutExtension(templatePath);
        var files = WorkspaceImport.Plan(workspace, group, sample, stem, out var problem);
        if (problem is not null)
        {
            throw new GatingMlException(workspacePath, 0, 0, problem);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(templatePath))!;
        var written = new List<FlowJoImportedFile>();
        foreach (var file in files)
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

        return written;
    }
}
