namespace CytoViability.Core.Gating;

/// <summary>A range (one dimension) or rectangle/hyper-rectangle: inside when every bound holds.</summary>
internal sealed record RectangleGate(string Id, string? ParentId, IReadOnlyList<DimensionBound> Bounds) : Gate(Id, ParentId)
{
    /// <inheritdoc/>
    public override IReadOnlyList<GateDimension> Dimensions => [.. Bounds.Select(bound => bound.Dimension)];
}
