using CytoViability.Core.Gating;

namespace CytoViability.Core.Templates;

internal sealed record BooleanGateDefinition(string Id, string? ParentId, string? DisplayName, GateUnits Units, TextPosition Position, BooleanOperation Operation, IReadOnlyList<BooleanOperandDefinition> Operands)
    : GateDefinition(Id, ParentId, DisplayName, Units, Position)
{
    public override IReadOnlyList<string> Channels => [];
}
