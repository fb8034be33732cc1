namespace CytoViability.Core.Gating;

/// <summary>
/// A gating strategy that cannot be built or applied: an unknown parent, operand, transform or matrix, a cycle,
/// a duplicate id, or a channel the file lacks. The message names the gate and what it refers to.
/// </summary>
internal sealed class GateReferenceException : CytoViabilityException
{
    /// <summary>Creates the exception.</summary>
    public GateReferenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public GateReferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
