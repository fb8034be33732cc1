namespace CytoViability.Core.Fcs;

/// <summary>One measured parameter ($Pn keywords) of a data set.</summary>
/// <param name="Number">The n of $Pn, 1-based.</param>
/// <param name="Name">$PnN (or "Pn" when the file has none).</param>
/// <param name="Stain">$PnS, null when absent or blank.</param>
/// <param name="Range">$PnR.</param>
/// <param name="Bits">$PnB; 0 for delimited ASCII ("*").</param>
/// <param name="LogDecades">$PnE f1 (0 = linear).</param>
/// <param name="LogOffset">$PnE f2 as written (0 is read as 1 when decoding log data).</param>
/// <param name="Gain">$PnG.</param>
/// <param name="Voltage">$PnV.</param>
internal sealed record FcsParameter(
    int Number,
    string Name,
    string? Stain,
    double Range,
    int Bits,
    double LogDecades,
    double LogOffset,
    double? Gain,
    double? Voltage);
