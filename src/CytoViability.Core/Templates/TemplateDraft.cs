using CytoViability.Core.Gating;

namespace CytoViability.Core.Templates;

/// <summary>
/// A template built by a program (a FlowJo or Gating-ML import) rather than typed: the same definitions
/// <see cref="TemplateLoader"/> produces, ready for <see cref="TemplateYamlWriter"/>. <see cref="MatrixPath"/> is the
/// matrix CSV (relative to the template) when <see cref="Compensation"/> is <see cref="CompensationSource.Matrix"/>.
/// <see cref="Notes"/> become comment lines at the top of the file.
/// </summary>
internal sealed record TemplateDraft(
    string? Name,
    string? Description,
    IReadOnlyList<ChannelAlias> Channels,
    CompensationSource Compensation,
    string? MatrixPath,
    IReadOnlyList<KeyValuePair<string, TransformDefinition>> Transforms,
    IReadOnlyList<GateDefinition> Gates,
    IReadOnlyList<string> Notes)
{
    /// <summary>The draft of a loaded template (statistics, assays and QC are not carried: a converted template has none).</summary>
    public static TemplateDraft Of(GatingTemplate template, string? matrixPath)
        => new(
            template.Name,
            template.Description,
            template.Channels,
            template.Compensation.Source,
            matrixPath,
            template.Transforms.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToArray(),
            template.Gates,
            []);
}
