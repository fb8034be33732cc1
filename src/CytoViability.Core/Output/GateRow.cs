namespace CytoViability.Core.Output;

/// <summary>
/// One row of gates.csv: a gate coordinate as applied to one sample. <see cref="Value"/> is a data value;
/// <see cref="Status"/> is fixed, computed, fallback or override.
/// </summary>
internal sealed record GateRow(string Sample, string File, string Gate, string Dimension, double Value, string Method, string Scope, string Status);
