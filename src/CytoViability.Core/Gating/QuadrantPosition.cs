namespace CytoViability.Core.Gating;

/// <summary>A quadrant's place on one divider: the interval index (0 = below the divider's first value).</summary>
internal sealed record QuadrantPosition(string DividerId, int Interval);
