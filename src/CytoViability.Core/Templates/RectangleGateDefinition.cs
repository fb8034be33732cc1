namespace CytoViability.Core.Templates;

/// <summary>A range (one channel) or rectangle (several).</summary>
internal sealed record RectangleGateDefinition(string Id, string? ParentId, string? DisplayName, GateUnits Units, TextPosition Position, IReadOnlyList<DimensionBoundDefinition> Bounds)
    : GateDefinition(Id, ParentId, DisplayName, Units, Position)
{
    public override IReadOnlyList<string> Channels => Bounds.Select(bound => bound.Channel).ToArray();
}
