namespace CytoViability.Library;

/// <summary>One population of one sample (a populations.csv row).</summary>
/// <param name="Id">The template's population id.</param>
/// <param name="Parent">The parent population's id; null for <c>all</c>.</param>
/// <param name="Count">Events in the population.</param>
/// <param name="ParentCount">Events in the parent (all events for <c>all</c>).</param>
/// <param name="PercentParent">100 × count / parent count; NaN when the parent is empty.</param>
/// <param name="PercentTotal">100 × count / all events; NaN when the file has none.</param>
public sealed record PopulationResult(string Id, string? Parent, long Count, long ParentCount, double PercentParent, double PercentTotal);
