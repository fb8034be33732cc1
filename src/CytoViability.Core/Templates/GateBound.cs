namespace CytoViability.Core.Templates;

/// <summary>
/// min ≤ x &lt; max on one channel; a null side is open. A computed side keeps its numeric fallback in
/// <see cref="Min"/> / <see cref="Max"/> (null when it falls back to the group's value).
/// </summary>
internal sealed record GateBound(string Channel, double? Min, double? Max, ComputedPosition? ComputedMin = null, ComputedPosition? ComputedMax = null);
