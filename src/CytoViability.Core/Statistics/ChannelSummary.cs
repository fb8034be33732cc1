namespace CytoViability.Core.Statistics;

/// <summary>
/// Statistics of one channel over the events of one population (the columns of mfi.csv). Undefined values are
/// NaN: no events, no positive events for the geometric mean, a zero mean or median under a CV.
/// </summary>
/// <param name="Count">Events used (member events whose value is a finite number).</param>
/// <param name="GeometricMean">exp(mean(ln x)) over the events with x &gt; 0.</param>
/// <param name="NonPositiveCount">Events left out of the geometric mean because x ≤ 0.</param>
/// <param name="DisplayMean">Inverse display transform of the mean of the transformed values; NaN without a transform.</param>
/// <param name="Cv">100 × sample SD (n − 1) / mean.</param>
/// <param name="RobustCv">100 × ½(P84.13 − P15.87) / median, percentiles as in <see cref="Percentiles"/>.</param>
internal sealed record ChannelSummary(
    long Count,
    double Mean,
    double Median,
    double GeometricMean,
    long NonPositiveCount,
    double DisplayMean,
    double Cv,
    double RobustCv);
