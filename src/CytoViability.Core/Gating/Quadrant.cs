namespace CytoViability.Core.Gating;

/// <summary>
/// One population of a <see cref="QuadrantGate"/>, with its own id: events in the named interval of every divider
/// it lists; a divider it does not list does not restrict it.
/// </summary>
internal sealed record Quadrant(string Id, IReadOnlyList<QuadrantPosition> Positions);
