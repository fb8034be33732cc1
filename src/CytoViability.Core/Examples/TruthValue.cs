namespace CytoViability.Core.Examples;

/// <summary>One true quantity of a file or a condition (percentages in percent, MFIs in compensated detector units).</summary>
internal readonly record struct TruthValue(string Quantity, double Value);
