namespace CytoViability.Core.Templates;

internal sealed record BooleanGateDefinition(string Id, string? ParentId, string? DisplayName, GateUnits Units, TextPosition Position, BooleanOperator Operator, IReadOnlyList<BooleanOperand> Operands)
    : GateDefinition(Id, ParentId, DisplayName, Units, Position)
{
    public override IReadOnlyList<string> Channels => [];
}
