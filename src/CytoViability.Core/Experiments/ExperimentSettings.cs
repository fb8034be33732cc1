namespace CytoViability.Core.Experiments;

/// <summary>
/// What experiment.yaml says (every part optional). <see cref="TemplatePath"/> and <see cref="SamplesPath"/> are
/// full paths already checked to lie inside the folder; <see cref="ShippedTemplate"/> is a bare template name.
/// </summary>
internal sealed record ExperimentSettings(
    string? TemplatePath,
    string? ShippedTemplate,
    string? SamplesPath,
    IReadOnlyList<string>? Conditions,
    IReadOnlyList<GlobPattern> Ignore,
    IReadOnlyList<MetadataRule> Rules)
{
    /// <summary>Gate coordinates fixed without editing the template (docs/templates.md §2.1).</summary>
    public IReadOnlyList<GateOverride> Overrides { get; init; } = [];

    /// <summary>
    /// `order:` the design order of a condition column's values, as the lab states it (column in lower case, values
    /// as written); the report and the console summary list conditions so, before any value the list leaves out.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Order { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public const string FileName = "experiment.yaml";

    public static ExperimentSettings Empty { get; } = new(null, null, null, null, [], []);
}
