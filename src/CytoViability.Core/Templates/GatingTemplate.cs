namespace CytoViability.Core.Templates;

/// <summary>
/// A validated gating template: channels by alias, compensation, transforms, the gate tree, and what to report.
/// Built only by <see cref="TemplateLoader"/>, which guarantees every reference in it resolves and the tree has no cycle.
/// </summary>
public sealed class GatingTemplate
{
    /// <summary>The population of all events, the root of every tree.</summary>
    public const string AllEvents = "all";

    internal GatingTemplate(
        string sourcePath,
        string sha256,
        string? name,
        string? description,
        IReadOnlyList<ChannelAlias> channels,
        IReadOnlyList<RatioChannel> ratios,
        CompensationChoice compensation,
        IReadOnlyDictionary<string, TransformDefinition> transforms,
        IReadOnlyList<GateDefinition> gates,
        IReadOnlyList<string> populations,
        IReadOnlyDictionary<string, string> parents,
        StatisticsRequest statistics,
        AssayRequests assays,
        IReadOnlyList<ConditionValue> reference,
        QcSettings qc)
    {
        SourcePath = sourcePath;
        Sha256 = sha256;
        Name = name;
        Description = description;
        Channels = channels;
        Ratios = ratios;
        Compensation = compensation;
        Transforms = transforms;
        Gates = gates;
        Populations = populations;
        Parents = parents;
        Statistics = statistics;
        Assays = assays;
        Reference = reference;
        Qc = qc;
    }

    public string SourcePath { get; }

    /// <summary>Lower-case hex sha256 of the template's bytes, for run.json.</summary>
    public string Sha256 { get; }

    public string? Name { get; }

    public string? Description { get; }

    public IReadOnlyList<ChannelAlias> Channels { get; }

    public IReadOnlyList<RatioChannel> Ratios { get; }

    public CompensationChoice Compensation { get; }

    /// <summary>By alias or ratio name (ordinal); a channel not here is linear.</summary>
    public IReadOnlyDictionary<string, TransformDefinition> Transforms { get; }

    public IReadOnlyList<GateDefinition> Gates { get; }

    /// <summary>Every population id, parents before children, starting with <see cref="AllEvents"/>.</summary>
    public IReadOnlyList<string> Populations { get; }

    /// <summary>Parent population of every population except <see cref="AllEvents"/>.</summary>
    public IReadOnlyDictionary<string, string> Parents { get; }

    public StatisticsRequest Statistics { get; }

    public AssayRequests Assays { get; }

    /// <summary>The reference condition of the paired t-tests; empty when the template names none.</summary>
    public IReadOnlyList<ConditionValue> Reference { get; }

    public QcSettings Qc { get; }

    /// <summary>This template with other gate definitions (the same ids and tree): the gates as placed for one sample.</summary>
    internal GatingTemplate WithGates(IReadOnlyList<GateDefinition> gates)
        => new(SourcePath, Sha256, Name, Description, Channels, Ratios, Compensation, Transforms, gates, Populations, Parents, Statistics, Assays, Reference, Qc);

    /// <summary>The populations reported in populations.csv: the template's list, or every population.</summary>
    public IReadOnlyList<string> ReportedPopulations
    {
        get
        {
            if (Statistics.Populations is null)
            {
                return Populations;
            }

            var reported = new List<string> { AllEvents };
            foreach (var population in Statistics.Populations)
            {
                if (population != AllEvents)
                {
                    reported.Add(population);
                }
            }

            return reported;
        }
    }
}
