namespace CytoViability.Core.Runs;

/// <summary>An input file larger than the run will read into memory.</summary>
internal sealed class InputTooLargeException : IOException
{
    public InputTooLargeException(string message)
        : base(message)
    {
    }
}
