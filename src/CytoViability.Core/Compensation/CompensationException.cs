namespace CytoViability.Core.Compensation;

/// <summary>A spillover matrix that cannot be applied to a file: a channel it names is missing, or it is singular.</summary>
internal sealed class CompensationException : CytoViabilityException
{
    /// <summary>Creates the exception.</summary>
    public CompensationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public CompensationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
