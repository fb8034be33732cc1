namespace CytoViability.Core.GatePositions;

/// <summary>One coordinate as applied to one sample: the data value, how it was found, and its status for gates.csv.</summary>
internal sealed record PositionRow(GateCoordinate Coordinate, double Value, string Method, string Scope, string Status);
