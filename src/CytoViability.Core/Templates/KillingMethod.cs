namespace CytoViability.Core.Templates;

/// <summary>The percent-killing formulas of DESIGN.md (x = % dead targets in the condition, c = in its control).</summary>
public enum KillingMethod
{
    /// <summary>x − c.</summary>
    Difference,

    /// <summary>(x − c) / (100 − c) × 100.</summary>
    Specific,

    /// <summary>(x − c) / c × 100.</summary>
    Relative,

    /// <summary>100 × (1 − L / Lc) with L live targets per reference event.</summary>
    Count,
}
