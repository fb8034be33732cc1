namespace CytoViability.Library;

/// <summary>The options of `cytoviability run`; what is left null comes from the folder's experiment.yaml.</summary>
public sealed record ExperimentOptions
{
    /// <summary>A template file, or a shipped template's name (`--template`).</summary>
    public string? Template { get; init; }

    /// <summary>The sample sheet (`--samples`).</summary>
    public string? Samples { get; init; }

    /// <summary>The output folder (`--out`); by default <c>FOLDER/cytoviability-out</c>.</summary>
    public string? Output { get; init; }

    /// <summary>Worker threads (`--threads`); 0 uses every core. Any number writes the same bytes.</summary>
    public int Threads { get; init; }

    /// <summary>A run whose qc.csv holds a fail row ends <see cref="ExperimentStatus.QcFailed"/> (`--fail-on-qc`).</summary>
    public bool FailOnQc { get; init; }
}
