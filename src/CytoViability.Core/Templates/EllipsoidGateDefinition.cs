namespace CytoViability.Core.Templates;

/// <summary>
/// Inside when (x − c)ᵀ C⁻¹ (x − c) ≤ d². The template's ellipse form (centre, radii, angle) is stored here already
/// turned into a covariance with d² = 1.
/// </summary>
internal sealed record EllipsoidGateDefinition(string Id, string? ParentId, string? DisplayName, GateUnits Units, TextPosition Position, IReadOnlyList<string> Dimensions, double[] Center, double[,] Covariance, double DistanceSquared)
    : GateDefinition(Id, ParentId, DisplayName, Units, Position)
{
    public override IReadOnlyList<string> Channels => Dimensions;
}
