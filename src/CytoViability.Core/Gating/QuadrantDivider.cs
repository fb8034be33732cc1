namespace CytoViability.Core.Gating;

/// <summary>
/// One axis of a quadrant gate, cut at the ascending <see cref="Values"/>: interval 0 is below the first value,
/// interval i is [Values[i−1], Values[i]), the last is at or above the last value.
/// </summary>
internal sealed record QuadrantDivider(string Id, GateDimension Dimension, IReadOnlyList<double> Values);
