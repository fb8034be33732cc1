namespace CytoViability.Core.Templates;

/// <summary>A population combined by an and/or/not gate; <see cref="Complement"/> for an operand written "not X".</summary>
internal sealed record BooleanOperandDefinition(string PopulationId, bool Complement, TextPosition Position);
