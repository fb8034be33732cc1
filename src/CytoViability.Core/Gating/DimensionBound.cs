namespace CytoViability.Core.Gating;

/// <summary>One side of a rectangle: <c>Min ≤ x &lt; Max</c> (half-open, as Gating-ML); a null side is open.</summary>
internal sealed record DimensionBound(GateDimension Dimension, double? Min, double? Max);
