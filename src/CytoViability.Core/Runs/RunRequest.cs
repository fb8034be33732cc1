using CytoViability.Core.Output;

namespace CytoViability.Core.Runs;

/// <summary>
/// The options of `cytoviability run`. Null template/samples/output fall back to experiment.yaml and the default
/// output folder <c>FOLDER/cytoviability-out</c>. <see cref="StageExtraFiles"/> lets the caller add files (run.log)
/// to the new generation just before run.json, and <see cref="StageReport"/> the report after it, so that they
/// are committed with everything else as one unit.
/// </summary>
internal sealed record RunRequest(string Folder, string? TemplatePath = null, string? SamplesPath = null, string? OutputPath = null, int Threads = 0)
{
    public string ToolVersion { get; init; } = "0.0.0";

    public Action<OutputGeneration>? StageExtraFiles { get; init; }

    /// <summary>Called once the tables and run.json are in the new generation (readable at its StagingPath), before the commit.</summary>
    public Action<OutputGeneration>? StageReport { get; init; }

    /// <summary>Wait for another run holding the output folder to finish, instead of refusing (`--wait`).</summary>
    public bool WaitForOutputFolder { get; init; }

    /// <summary>A run whose inputs all processed but whose qc.csv holds a fail row ends <see cref="RunStatus.QcFailed"/> (`--fail-on-qc`).</summary>
    public bool FailOnQc { get; init; }

    /// <summary>Larger input files are fail rows (`--max-file-size`); a file's events are decoded whole into memory.</summary>
    public long MaximumFileBytes { get; init; } = SampleProcessor.DefaultMaximumFileBytes;

    /// <summary>A shard runs the template folded into its manifest instead of loading one (`run --manifest`).</summary>
    internal Templates.FoldedTemplate? FoldedTemplate { get; init; }

    /// <summary>Folders besides the output folder that file discovery skips (a shard plan's folder).</summary>
    internal IReadOnlyList<string> ExcludedFolders { get; init; } = [];

    /// <summary>
    /// `--max-memory`: the run lowers its thread count to stay under it (<see cref="MemoryBudget"/>);
    /// null for no limit.
    /// </summary>
    public long? MaximumMemoryBytes { get; init; }

    /// <summary>
    /// Called from worker threads for every file gated (not for failed ones); null when nobody listens. The sample is
    /// valid only during the call (<see cref="GatedSample"/>).
    /// </summary>
    public Action<GatedSample>? OnGated { get; init; }
}
