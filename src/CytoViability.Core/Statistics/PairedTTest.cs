using MathNet.Numerics.Distributions;

namespace CytoViability.Core.Statistics;

/// <summary>
/// Two-sided paired t-test over donors: d = condition − reference per donor, t = mean(d) / (SD(d)/√n),
/// df = n − 1, p = 2·P(T ≤ −|t|). Undefined (NaN) with fewer than two pairs or when every difference is
/// equal (SD(d) = 0 leaves t without a value, and a p of 0 would overstate it).
/// </summary>
internal static class PairedTTest
{
    public static double TwoSidedP(ReadOnlySpan<double> condition, ReadOnlySpan<double> reference)
    {
        if (condition.Length != reference.Length)
        {
            throw new ArgumentException("paired samples need the same number of donors", nameof(reference));
        }

        var n = condition.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        var differences = new double[n];
        for (var i = 0; i < n; i++)
        {
            differences[i] = condition[i] - reference[i];
        }

        var summary = DonorStatistics.Compute(differences);
        if (!(summary.Sd > 0) || double.IsNaN(summary.Mean))
        {
            return double.NaN;
        }

        var t = summary.Mean / summary.Sem;
        return 2 * StudentT.CDF(0, 1, n - 1, -Math.Abs(t));
    }
}
