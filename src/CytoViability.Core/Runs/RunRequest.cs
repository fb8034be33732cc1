using CytoViability.Core.Output;

namespace CytoViability.Core.Runs;

/// <summary>
/// The options of `cytoviability run`. Null template/samples/output fall back to experiment.yaml and the default
/// output folder <c>FOLDER/cytoviability-out</c>. <see cref="StageExtraFiles"/> lets the caller add files (run.log)
/// to the output folder just before run.json, so they are committed with everything else.
/// </summary>
public sealed record RunRequest(string Folder, string? TemplatePath = null, string? SamplesPath = null, string? OutputPath = null, int Threads = 0)
{
    public string ToolVersion { get; init; } = "0.0.0";

    public Action<OutputFolder>? StageExtraFiles { get; init; }

    /// <summary>Called from worker threads for every file gated (not for failed ones); null when nobody listens.</summary>
    public Action<GatedSample>? OnGated { get; init; }
}
