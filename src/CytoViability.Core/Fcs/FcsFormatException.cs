namespace CytoViability.Core.Fcs;

/// <summary>
/// An FCS file that cannot be read: names the file, the segment (HEADER, TEXT, DATA, ...) and the byte offset
/// in the file where the problem was found, so a lab member can open the file in a hex viewer and see it.
/// </summary>
public sealed class FcsFormatException : CytoViabilityException
{
    internal FcsFormatException(string source, string segment, long offset, string problem)
        : base($"{source}: {segment} segment, byte {offset}: {problem}")
    {
        Source = source;
        Segment = segment;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The file path (or the name given to <see cref="FcsReader.Read"/>).</summary>
    public new string Source { get; }

    /// <summary>HEADER, TEXT, STEXT, DATA or SPILLOVER.</summary>
    public string Segment { get; }

    /// <summary>Byte offset from the start of the file.</summary>
    public long Offset { get; }

    /// <summary>The problem alone, without file, segment and offset.</summary>
    public string Problem { get; }
}
