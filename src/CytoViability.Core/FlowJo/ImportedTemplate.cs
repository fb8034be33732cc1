using CytoViability.Core.Files;
using CytoViability.Core.Templates;

namespace CytoViability.Core.FlowJo;

/// <summary>A workspace construct that did not convert exactly, at its XML element.</summary>
internal sealed record ImportProblem(string XmlPath, string Message)
{
    public override string ToString() => XmlPath + ": " + Message;
}

/// <summary>What can make a converted gate count differently from FlowJo beyond display binning.</summary>
[Flags]
internal enum Approximation
{
    None = 0,
    Transform = 1,
    Compensation = 2,
    Shape = 4,
}

/// <summary>
/// One FlowJo population and what became of it: its template gate id (null when it was not converted, with the
/// reason), FlowJo's gate, and what the conversion had to approximate.
/// </summary>
internal sealed record ImportedPopulation(string FlowJoPath, WorkspacePopulation Population, string? GateId, string? NotConverted, Approximation Approximations);

/// <summary>A converted template: the draft, the matrix CSV to write beside it, and the population map for audits.</summary>
internal sealed record ImportedTemplate(
    TemplateDraft Draft,
    string? MatrixFileName,
    string? MatrixCsv,
    IReadOnlyList<ImportedPopulation> Populations,
    IReadOnlyList<ImportProblem> Problems)
{
    public string Yaml => TemplateYamlWriter.Write(Draft);

    /// <summary>Writes the template (and its matrix CSV beside it), each atomically.</summary>
    public void WriteTo(string templatePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(templatePath))!;
        Directory.CreateDirectory(folder);
        if (MatrixFileName is not null && MatrixCsv is not null)
        {
            AtomicFile.WriteText(Path.Combine(folder, MatrixFileName), MatrixCsv);
        }

        AtomicFile.WriteText(templatePath, Yaml);
    }
}
