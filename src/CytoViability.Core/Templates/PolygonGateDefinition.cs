namespace CytoViability.Core.Templates;

internal sealed record PolygonGateDefinition(string Id, string? ParentId, string? DisplayName, GateUnits Units, TextPosition Position, string X, string Y, IReadOnlyList<(double X, double Y)> Vertices)
    : GateDefinition(Id, ParentId, DisplayName, Units, Position)
{
    public override IReadOnlyList<string> Channels => [X, Y];
}
