namespace CytoViability.Core.Templates;

/// <summary>A derived channel A × (numerator − B) / (denominator − C) on compensated data (Gating-ML fratio).</summary>
internal sealed record RatioChannel(string Name, string Numerator, string Denominator, double A, double B, double C, TextPosition Position);
