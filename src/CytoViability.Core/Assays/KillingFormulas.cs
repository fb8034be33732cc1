using CytoViability.Core.Templates;

namespace CytoViability.Core.Assays;

/// <summary>The killing formulas (their names as templates and killing.csv spell them: <see cref="KillingMethodNames"/>).</summary>
internal static class KillingFormulas
{
    /// <summary>x − c, in percentage points.</summary>
    public static double Difference(double percentDead, double controlPercentDead) => percentDead - controlPercentDead;

    /// <summary>(x − c)/(100 − c)·100: killing among the targets the control left alive; NaN when c = 100.</summary>
    public static double Specific(double percentDead, double controlPercentDead)
        => controlPercentDead == 100 ? double.NaN : (percentDead - controlPercentDead) / (100 - controlPercentDead) * 100;

    /// <summary>(x − c)/c·100; NaN when c = 0.</summary>
    public static double Relative(double percentDead, double controlPercentDead)
        => controlPercentDead == 0 ? double.NaN : (percentDead - controlPercentDead) / controlPercentDead * 100;

    /// <summary>100·(1 − L/Lc) on live targets per reference; NaN when Lc is 0.</summary>
    public static double Count(double liveTargets, double controlLiveTargets)
        => controlLiveTargets == 0 ? double.NaN : 100 * (1 - (liveTargets / controlLiveTargets));
}
