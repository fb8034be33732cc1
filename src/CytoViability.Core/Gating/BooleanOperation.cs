namespace CytoViability.Core.Gating;

/// <summary>How a <see cref="BooleanGate"/> combines its operands.</summary>
internal enum BooleanOperation
{
    /// <summary>In every operand.</summary>
    And,

    /// <summary>In at least one operand.</summary>
    Or,

    /// <summary>Not in the single operand.</summary>
    Not,
}
