using CytoViability.Core.Qc;

namespace CytoViability.Core.GatePositions;

/// <summary>
/// The gate coordinates one sample is gated with: <see cref="Values"/> by coordinate key in the gate's units (the
/// template's number where absent), the gates.csv rows, and the placement QC rows (fallbacks, spread from the group).
/// </summary>
internal sealed record SamplePositions(IReadOnlyDictionary<string, double> Values, IReadOnlyList<PositionRow> Rows, IReadOnlyList<QcRow> Qc);
