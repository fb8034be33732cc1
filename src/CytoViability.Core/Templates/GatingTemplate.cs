namespace CytoViability.Core.Templates;

/// <summary>
/// A validated gating template: channels by alias, compensation, transforms, the gate tree, and what to report.
/// Built only by <see cref="TemplateLoader"/>, which guarantees every reference in it resolves and the tree has no cycle.
/// </summary>
internal sealed class GatingTemplate
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

    /// <summary>
    /// The template's `order:`: per condition column, its values in the lab's design order. experiment.yaml's `order:`
    /// wins for a column both name; a column the run does not have as a condition is not used.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Order { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// One line per coordinate computed from the data ("gate 'dioc6_pi' x divider on DiOC6: valley, pooled over the
    /// run, allowed [500, 60000], fallback 6000"), for `validate` to explain what a run will compute.
    /// </summary>
    public IReadOnlyList<string> DescribeComputedPositions()
    {
        var lines = new List<string>();
        void Add(string gate, string what, ComputedPosition? position)
        {
            if (position is null)
            {
                return;
            }

            var scope = position.Method == PlacementMethod.Control
                ? "from the controls " + string.Join(", ", position.Control!.Where.Select(w => w.Column + " = " + w.Value)) + (position.Control.SameDonor ? " of the same donor" : " of the run")
                : position.Scope.Kind switch
                {
                    PlacementScopeKind.Run => "pooled over the run",
                    PlacementScopeKind.Sample => "each sample on its own",
                    _ => "pooled over the samples sharing '" + position.Scope.Column + "'",
                };
            var allowed = position.Allowed is { } limits ? ", allowed [" + limits.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + limits.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]" : string.Empty;
            var fallback = position.Fallback is { } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "the whole run's position";
            lines.Add(position.Position + ": gate '" + gate + "' " + what + ": " + position.Describe() + ", " + scope + (position.Range.Kind == SearchRangeKind.Between && double.IsInfinity(position.Range.Minimum) && double.IsInfinity(position.Range.Maximum) ? string.Empty : ", searched " + position.Range) + allowed + ", fallback " + fallback);
        }

        foreach (var gate in Gates)
        {
            switch (gate)
            {
                case RectangleGateDefinition rectangle:
                    foreach (var bound in rectangle.Bounds)
                    {
                        Add(gate.Id, bound.Channel + " min", bound.ComputedMin);
                        Add(gate.Id, bound.Channel + " max", bound.ComputedMax);
                    }

                    break;
                case QuadrantGateDefinition quadrant:
                    Add(gate.Id, quadrant.X + " divider", quadrant.ComputedX);
                    Add(gate.Id, quadrant.Y + " divider", quadrant.ComputedY);
                    break;
            }
        }

        return lines;
    }

    /// <summary>This template with other gate definitions (the same ids and tree): the gates as placed for one sample.</summary>
    internal GatingTemplate WithGates(IReadOnlyList<GateDefinition> gates)
        => new(SourcePath, Sha256, Name, Description, Channels, Ratios, Compensation, Transforms, gates, Populations, Parents, Statistics, Assays, Reference, Qc) { Order = Order };

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
