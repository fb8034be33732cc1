namespace CytoViability.Core.Templates;

/// <summary>
/// Which samples' events are pooled to place a coordinate: every sample of the run, each sample on its own, or the
/// samples sharing a value of a sheet column (<see cref="Column"/>: day, plate, donor, ...).
/// </summary>
internal sealed record PlacementScope(PlacementScopeKind Kind, string? Column)
{
    public static PlacementScope Run { get; } = new(PlacementScopeKind.Run, null);

    public static PlacementScope Sample { get; } = new(PlacementScopeKind.Sample, null);

    /// <summary>As gates.csv and run.json write it: run, sample, or the column's name.</summary>
    public override string ToString() => Kind switch
    {
        PlacementScopeKind.Run => "run",
        PlacementScopeKind.Sample => "sample",
        _ => Column!,
    };
}

internal enum PlacementScopeKind
{
    Run,
    Sample,
    Column,
}
