namespace CytoViability.Core.Examples;

/// <summary>
/// Natural logarithm and exponential built only from IEEE-754 +, −, ×, ÷ and exact scaling, so the example
/// data are the same bytes on every runtime and CPU (Math.Log/Math.Exp may differ in the last bit between
/// C runtimes, and one flipped bit can change a float32 event value).
/// </summary>
internal static class ExactMath
{
    // ln 2 split so that k·Ln2High is exact for |k| < 2^20 (Cody and Waite's reduction).
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;

    public static double Ln(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Ln needs a finite positive argument.");
        }

        // Split x = m · 2^e with m in [1, 2); subnormals are first lifted into the normal range.
        var exponent = 0;
        if (x < double.Epsilon * 4503599627370496.0)
        {
            x *= 18014398509481984.0; // 2^54
            exponent = -54;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        exponent += (int)((bits >> 52) & 0x7FF) - 1023;
        var mantissa = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (mantissa > 1.4142135623730951)
        {
            mantissa *= 0.5;
            exponent++;
        }

        // ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172: the odd series converges to double precision in 13 terms.
        var s = (mantissa - 1.0) / (mantissa + 1.0);
        var s2 = s * s;
        var series = 0.0;
        for (var k = 27; k >= 3; k -= 2)
        {
            series = (series + (1.0 / k)) * s2;
        }

        // Small terms first, the exact exponent part last, so rounding errors stay below one ulp of the result.
        return (exponent * Ln2Low) + (2.0 * s * series) + (2.0 * s) + (exponent * Ln2High);
    }

    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x > 709.0)
        {
            return double.PositiveInfinity;
        }

        if (x < -745.0)
        {
            return 0.0;
        }

        // x = k·ln2 + r with |r| ≤ ln2/2; e^r − 1 by its Taylor series in Horner form (|r|^18/18! < 1e-20),
        // then exact scaling by 2^k.
        var k = Math.Round(x / (Ln2High + Ln2Low));
        var r = (x - (k * Ln2High)) - (k * Ln2Low);
        var expm1 = 0.0;
        for (var n = 18; n >= 1; n--)
        {
            expm1 = (1.0 + expm1) * r / n;
        }

        return Math.ScaleB(1.0 + expm1, (int)k);
    }
}
