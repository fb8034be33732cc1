namespace CytoViability.Core.Statistics;

/// <summary>An <see cref="IDisplayTransform"/> made from a forward and an inverse function.</summary>
internal sealed class DisplayTransform : IDisplayTransform
{
    private readonly Func<double, double> _forward;
    private readonly Func<double, double> _inverse;

    public DisplayTransform(Func<double, double> forward, Func<double, double> inverse)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(inverse);
        _forward = forward;
        _inverse = inverse;
    }

    public double Forward(double value) => _forward(value);

    public double Inverse(double transformed) => _inverse(transformed);
}
