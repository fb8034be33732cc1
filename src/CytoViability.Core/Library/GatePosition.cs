namespace CytoViability.Library;

/// <summary>A gate coordinate as applied to the sample (a gates.csv row).</summary>
/// <param name="Gate">The gate id.</param>
/// <param name="Dimension">Which coordinate of the gate.</param>
/// <param name="Value">The coordinate used, a data value.</param>
/// <param name="Method">The placement method (valley, band, ...).</param>
/// <param name="Scope">Over which samples' events it was found.</param>
/// <param name="Status"><c>fixed</c>, <c>computed</c>, <c>fallback</c> or <c>override</c>.</param>
public sealed record GatePosition(string Gate, string Dimension, double Value, string Method, string Scope, string Status);
