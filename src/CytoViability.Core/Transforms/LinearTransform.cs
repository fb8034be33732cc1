namespace CytoViability.Core.Transforms;

/// <summary>Gating-ML <c>flin</c>: (x + A) / (T + A), so −A maps to 0 and T to 1.</summary>
internal sealed record LinearTransform : ITransform
{
    /// <summary>Creates the transform; T &gt; 0 and 0 ≤ A ≤ T as the standard asks.</summary>
    public LinearTransform(double t, double a)
    {
        TransformGuard.Positive(t, "T", "flin");
        TransformGuard.NonNegative(a, "A", "flin");
        T = t;
        A = a;
    }

    /// <summary>Top of scale.</summary>
    public double T { get; }

    /// <summary>How far below zero the scale reaches.</summary>
    public double A { get; }

    /// <inheritdoc/>
    public double Forward(double value) => (value + A) / (T + A);

    /// <inheritdoc/>
    public double Inverse(double transformed) => (transformed * (T + A)) - A;

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<double> values, Span<double> destination)
    {
        TransformGuard.SameLength(values.Length, destination.Length);
        var a = A;
        var range = T + A;
        for (var i = 0; i < values.Length; i++)
        {
            destination[i] = (values[i] + a) / range;
        }
    }
}
