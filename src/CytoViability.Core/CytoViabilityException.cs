namespace CytoViability;

/// <summary>
/// A problem with the lab's input that the engine reports rather than survives: an unreadable FCS file, a template
/// or experiment folder that cannot be used, a gate that refers to nothing. The message names the file and the
/// place, as the command line prints it; callers catch this one type for all of them.
/// </summary>
public abstract class CytoViabilityException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected CytoViabilityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    protected CytoViabilityException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
