namespace CytoViability.Core.Gating;

/// <summary>An operand of a boolean gate: the population <see cref="PopulationId"/>, or its complement.</summary>
internal sealed record BooleanOperand(string PopulationId, bool Complement = false);
