namespace CytoViability.Core.Gating;

/// <summary>
/// A gate of a <see cref="GatingStrategy"/>. Its population is the events inside the gate AND in the population
/// <see cref="ParentId"/> (all events when null). An event with NaN or ±∞ on any dimension the gate reads is never
/// inside it.
/// </summary>
internal abstract record Gate(string Id, string? ParentId)
{
    /// <summary>The dimensions the gate reads (none for a boolean gate).</summary>
    public abstract IReadOnlyList<GateDimension> Dimensions { get; }
}
