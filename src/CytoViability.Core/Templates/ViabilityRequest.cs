namespace CytoViability.Core.Templates;

/// <summary>viability = 100 × count(population) / count(of); <see cref="Of"/> "all" for all events.</summary>
internal sealed record ViabilityRequest(string Population, string Of);
