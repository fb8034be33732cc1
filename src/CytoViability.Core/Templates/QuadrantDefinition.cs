namespace CytoViability.Core.Templates;

/// <summary>One named quadrant: positive means at or above that axis's divider.</summary>
internal sealed record QuadrantDefinition(string Id, bool XPositive, bool YPositive, TextPosition Position);
