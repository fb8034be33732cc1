namespace CytoViability.Core.Templates;

/// <summary>
/// One dimension of a rectangle as the template writes it: min ≤ x &lt; max on a channel alias, a null side open; compiled
/// into a <see cref="Gating.DimensionBound"/> on a resolved dimension. A computed side keeps its numeric fallback in
/// <see cref="Min"/> / <see cref="Max"/> (null when it falls back to the group's value).
/// </summary>
internal sealed record DimensionBoundDefinition(string Channel, double? Min, double? Max, ComputedPosition? ComputedMin = null, ComputedPosition? ComputedMax = null);
