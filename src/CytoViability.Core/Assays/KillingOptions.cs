using CytoViability.Core.Templates;

namespace CytoViability.Core.Assays;

/// <summary>
/// A killing analysis as the template states it: the method, the control (no antibody for ADCC, no effector
/// for γδ-T), the per-well target count below which a well is flagged (≈ 400 events keep the counting CV near
/// 5 %), and the control death above which specific killing loses its denominator (notes/domain.md §3.1).
/// </summary>
internal sealed record KillingOptions(
    KillingMethod Method,
    ConditionSelector Control,
    long MinimumTargetCount = 400,
    double MaximumControlPercentDead = 80);
