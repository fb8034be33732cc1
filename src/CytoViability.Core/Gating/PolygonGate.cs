namespace CytoViability.Core.Gating;

/// <summary>
/// A polygon on two dimensions, closed from the last vertex back to the first. Inside means on an edge or vertex,
/// or else an odd number of crossings (even–odd rule), so self-intersecting polygons follow Gating-ML 2.0.
/// </summary>
internal sealed record PolygonGate(string Id, string? ParentId, GateDimension X, GateDimension Y, IReadOnlyList<PolygonVertex> Vertices)
    : Gate(Id, ParentId)
{
    /// <inheritdoc/>
    public override IReadOnlyList<GateDimension> Dimensions => [X, Y];
}
