using System.Globalization;

namespace CytoViability.Reports.Results;

/// <summary>How results are written for people (console and report): a few significant digits, p-values to 3 decimals.</summary>
internal static class ResultNumbers
{
    public static string Number(double value)
        => double.IsFinite(value) ? value.ToString(Math.Abs(value) >= 1000 ? "F0" : Math.Abs(value) >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture) : "–";

    public static string PValue(double p) => p < 0.001 ? "< 0.001" : p.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>Significance stars of the usual kind: * p &lt; 0.05, ** p &lt; 0.01, *** p &lt; 0.001, "ns" otherwise.</summary>
    public static string Stars(double p) => p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "ns";
}
