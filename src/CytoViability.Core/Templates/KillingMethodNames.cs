namespace CytoViability.Core.Templates;

/// <summary>The killing methods' names as templates and killing.csv spell them.</summary>
internal static class KillingMethodNames
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
}
