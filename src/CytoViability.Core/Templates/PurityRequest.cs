namespace CytoViability.Core.Templates;

/// <summary>purity = 100 × count(population) / count(of); below <see cref="Minimum"/> % a sample fails QC.</summary>
internal sealed record PurityRequest(string Population, string Of, double Minimum);
