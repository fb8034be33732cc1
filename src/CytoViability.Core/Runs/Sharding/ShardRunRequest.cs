namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// `cytoviability run --manifest M --shard K [--map] [--out DIR]`. <see cref="OnGated"/> and <see cref="TakePlots"/>
/// let the caller bin each sample's gate plots while its events are in memory and have them stored with the
/// sample's results (merge hands them to the report).
/// </summary>
internal sealed record ShardRunRequest(string ManifestPath, int Shard, string? OutputPath = null, int Threads = 0)
{
    public string ToolVersion { get; init; } = "0.0.0";

    /// <summary>The map step: count this shard's placement histograms instead of gating.</summary>
    public bool Map { get; init; }

    public long MaximumFileBytes { get; init; } = SampleProcessor.DefaultMaximumFileBytes;

    public Action<GatedSample>? OnGated { get; init; }

    /// <summary>The binned gate plots of a file just gated (by <see cref="OnGated"/>), taken once; null when there are none.</summary>
    public Func<string, byte[]?>? TakePlots { get; init; }
}

/// <summary>How a shard step ended: done now, done before (same manifest; nothing redone), or refused with problems.</summary>
internal enum ShardStatus
{
    Done,
    AlreadyDone,
    Refused,
}

internal sealed record ShardOutcome(ShardStatus Status, IReadOnlyList<Templates.ConfigurationProblem> Problems, string? Folder, int Files, int Failed)
{
    public static ShardOutcome Refused(IReadOnlyList<Templates.ConfigurationProblem> problems) => new(ShardStatus.Refused, problems, null, 0, 0);
}
