namespace CytoViability.Core.Templates;

/// <summary>
/// Two channels cut at one divider each; the quadrants are the populations, the gate's id is not. A computed
/// divider keeps its numeric fallback in <see cref="XDivider"/> / <see cref="YDivider"/> (NaN: the group's value).
/// </summary>
internal sealed record QuadrantGateDefinition(string Id, string? ParentId, string? DisplayName, GateUnits Units, TextPosition Position, string X, string Y, double XDivider, double YDivider, IReadOnlyList<QuadrantDefinition> Quadrants)
    : GateDefinition(Id, ParentId, DisplayName, Units, Position)
{
    public ComputedPosition? ComputedX { get; init; }

    public ComputedPosition? ComputedY { get; init; }

    public override IReadOnlyList<string> Channels => [X, Y];
}
