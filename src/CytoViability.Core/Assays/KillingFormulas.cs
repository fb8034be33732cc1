namespace CytoViability.Core.Assays;

/// <summary>The killing formulas and their names as templates and killing.csv spell them.</summary>
internal static class KillingFormulas
{
    public static string Name(KillingMethod method) => method switch
    {
        KillingMethod.Difference => "difference",
        KillingMethod.Specific => "specific",
        KillingMethod.Relative => "relative",
        KillingMethod.Count => "count",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown killing method"),
    };

    /// <summary>The method of a template name (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? name, out KillingMethod method)
    {
        foreach (var candidate in Enum.GetValues<KillingMethod>())
        {
            if (string.Equals(name, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                method = candidate;
                return true;
            }
        }

        method = default;
        return false;
    }

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
