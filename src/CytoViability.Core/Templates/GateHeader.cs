namespace CytoViability.Core.Templates;

/// <summary>
/// The fields every gate of a template shares, read before its type's own: <see cref="Id"/> (null when missing or
/// not an identifier: the gate is still read for its other problems), its type, parent, display name, units, where it
/// starts, and <see cref="What"/>, how messages name it ("gate 'cells'").
/// </summary>
internal sealed record GateHeader(string? Id, string Type, string? ParentId, string? DisplayName, GateUnits Units, TextPosition Position, string What);
