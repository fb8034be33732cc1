namespace CytoViability.Core.Gating;

/// <summary>
/// and/or/not over other populations (a gate's population, or a quadrant). An operand marked
/// <see cref="BooleanOperand.Complement"/> counts as its complement; <see cref="BooleanOperation.Not"/> takes one
/// operand. Events with NaN/±∞ on a dimension the operands read are never inside, complement or not.
/// </summary>
internal sealed record BooleanGate(string Id, string? ParentId, BooleanOperation Operation, IReadOnlyList<BooleanOperand> Operands)
    : Gate(Id, ParentId)
{
    /// <inheritdoc/>
    public override IReadOnlyList<GateDimension> Dimensions => [];
}
