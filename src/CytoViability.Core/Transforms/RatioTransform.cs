namespace CytoViability.Core.Transforms;

/// <summary>
/// Gating-ML <c>fratio</c>: a derived dimension A·(x1 − B)/(x2 − C) of two compensated channels (not a
/// one-channel <see cref="ITransform"/>). A zero denominator gives ±∞ or NaN, which no gate takes.
/// </summary>
internal sealed record RatioTransform(string Numerator, string Denominator, double A, double B, double C)
{
    /// <summary>The ratio for one event.</summary>
    public double Apply(double numerator, double denominator) => A * (numerator - B) / (denominator - C);

    /// <summary>The ratio for every event of two columns.</summary>
    public void Apply(ReadOnlySpan<double> numerators, ReadOnlySpan<double> denominators, Span<double> destination)
    {
        TransformGuard.SameLength(numerators.Length, destination.Length);
        TransformGuard.SameLength(denominators.Length, destination.Length);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = A * (numerators[i] - B) / (denominators[i] - C);
        }
    }
}
