namespace CytoViability.Core.Fcs;

/// <summary>How <see cref="FcsWriter"/> lays out a file.</summary>
internal sealed class FcsWriterOptions
{
    /// <summary>HEADER version, "3.1" by default ("3.0" is also accepted).</summary>
    public string Version { get; init; } = "3.1";

    /// <summary>Write float32 big-endian ($BYTEORD 4,3,2,1) instead of little-endian.</summary>
    public bool BigEndian { get; init; }

    /// <summary>TEXT delimiter; occurrences inside values are doubled.</summary>
    public char Delimiter { get; init; } = '|';

    /// <summary>
    /// Write what FACSDiva writes: FCS 3.0, big-endian, TEXT at byte 256, form-feed delimiter, space-padded
    /// $TOT/$BEGINDATA/$ENDDATA, five spaces before DATA and the "00000000" CRC placeholder after it.
    /// Overrides <see cref="Version"/>, <see cref="BigEndian"/> and <see cref="Delimiter"/>.
    /// </summary>
    public bool FacsDivaLayout { get; init; }
}
