namespace CytoViability.Core.Templates;

/// <summary>
/// % dead targets = 100 × count(dead) / count(of), turned into percent killing against the matched control.
/// For <see cref="KillingMethod.Count"/>, <see cref="Live"/> per <see cref="Per"/> is the live-target count.
/// </summary>
internal sealed record KillingRequest(string Dead, string Of, KillingMethod Method, IReadOnlyList<ConditionValue> Control, string? Live, string? Per);
