namespace CytoViability.Core.Examples;

/// <summary>A log-normal intensity: median and the standard deviation of its natural logarithm.</summary>
internal readonly record struct LogNormalLevel(double Median, double Sigma)
{
    public static LogNormalLevel None => default;

    public bool IsNone => Median <= 0;

    public LogNormalLevel Times(double factor) => this with { Median = Median * factor };
}
