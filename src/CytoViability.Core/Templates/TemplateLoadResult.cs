namespace CytoViability.Core.Templates;

/// <summary>A template and no problems, or no template and every problem found (sorted by line and column).</summary>
internal sealed record TemplateLoadResult(GatingTemplate? Template, IReadOnlyList<TemplateProblem> Problems);
