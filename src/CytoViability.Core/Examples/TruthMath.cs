namespace CytoViability.Core.Examples;

/// <summary>True values that follow from the design distributions, computed with <see cref="ExactMath"/> only.</summary>
internal static class TruthMath
{
    private const double Ln2 = 0.6931471805599453;

    /// <summary>
    /// exp(E[ln(X + shift)]) for X log-normal: the geometric mean of a stained population whose compensated
    /// signal is the stain plus the cells' autofluorescence. Midpoint rule over ±8 sd of the normal.
    /// </summary>
    public static double GeometricMeanOfShiftedLogNormal(LogNormalLevel level, double shift)
    {
        const int steps = 4000;
        const double half = 8.0;
        var h = 2 * half / steps;
        var weightSum = 0.0;
        var sum = 0.0;
        for (var i = 0; i < steps; i++)
        {
            var z = -half + ((i + 0.5) * h);
            var weight = ExactMath.Exp(-0.5 * z * z);
            sum += weight * ExactMath.Ln((level.Median * ExactMath.Exp(level.Sigma * z)) + shift);
            weightSum += weight;
        }

        return ExactMath.Exp(sum / weightSum);
    }

    public static double Log2(double x) => ExactMath.Ln(x) / Ln2;

    public static double Pow2(double x) => ExactMath.Exp(x * Ln2);

    public static double Round(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>The percent-killing methods of DESIGN.md, x and c in percent dead targets.</summary>
    public static double Killing(string method, double x, double c) => method switch
    {
        "difference" => x - c,
        "specific" => (x - c) / (100 - c) * 100,
        "relative" => (x - c) / c * 100,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown killing method."),
    };
}
