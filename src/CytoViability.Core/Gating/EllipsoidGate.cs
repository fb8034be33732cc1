namespace CytoViability.Core.Gating;

/// <summary>
/// An ellipse or ellipsoid in covariance form: inside when (x − mean)ᵀ · covariance⁻¹ · (x − mean) ≤
/// <see cref="DistanceSquare"/>. <see cref="Covariance"/> is row-major, n × n for n dimensions.
/// </summary>
internal sealed record EllipsoidGate(
    string Id,
    string? ParentId,
    IReadOnlyList<GateDimension> Axes,
    IReadOnlyList<double> Mean,
    IReadOnlyList<IReadOnlyList<double>> Covariance,
    double DistanceSquare) : Gate(Id, ParentId)
{
    /// <inheritdoc/>
    public override IReadOnlyList<GateDimension> Dimensions => Axes;
}
