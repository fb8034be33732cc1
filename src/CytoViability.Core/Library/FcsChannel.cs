namespace CytoViability.Library;

/// <summary>One parameter of an FCS file.</summary>
/// <param name="Index">0-based position in the file (parameter <c>Index + 1</c> of the keywords).</param>
/// <param name="Name">$PnN, the detector (e.g. <c>FITC-A</c>).</param>
/// <param name="Stain">$PnS, the marker or dye, null when absent or blank.</param>
/// <param name="Range">$PnR.</param>
public sealed record FcsChannel(int Index, string Name, string? Stain, double Range);
