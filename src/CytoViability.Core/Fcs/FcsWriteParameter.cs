namespace CytoViability.Core.Fcs;

/// <summary>A parameter to write: $PnN, $PnS, $PnR and optionally $PnG and $PnV.</summary>
internal sealed record FcsWriteParameter(string Name, string? Stain, double Range, double? Gain = null, double? Voltage = null);
