namespace CytoViability.Core.Templates;

/// <summary>min ≤ x &lt; max on one channel; a null side is open.</summary>
public sealed record GateBound(string Channel, double? Min, double? Max);
