namespace CytoViability.Core.Statistics;

/// <summary>
/// Mean ± s.e.m. over donors (biological replicates): SD with the n − 1 denominator, s.e.m. = SD/√n.
/// With one donor SD and s.e.m. are undefined (NaN), not zero.
/// </summary>
internal sealed record DonorStatistics(int Count, double Mean, double Sd, double Sem)
{
    public static DonorStatistics Compute(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n == 0)
        {
            return new DonorStatistics(0, double.NaN, double.NaN, double.NaN);
        }

        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        var mean = sum / n;
        if (n == 1)
        {
            return new DonorStatistics(1, mean, double.NaN, double.NaN);
        }

        double squares = 0;
        foreach (var value in values)
        {
            var deviation = value - mean;
            squares += deviation * deviation;
        }

        var sd = Math.Sqrt(squares / (n - 1));
        return new DonorStatistics(n, mean, sd, sd / Math.Sqrt(n));
    }
}
