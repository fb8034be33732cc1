namespace CytoViability.Core.Templates;

/// <summary>A template and no problems, or no template and every problem found (sorted by line and column).</summary>
internal sealed record TemplateLoadResult(GatingTemplate? Template, IReadOnlyList<ConfigurationProblem> Problems)
{
    /// <summary>The bytes the template was parsed from, with its source name and base directory (a shard manifest folds them in).</summary>
    internal FoldedTemplate? Source { get; init; }
}
