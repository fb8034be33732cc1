namespace CytoViability.Core.Transforms;

/// <summary>Gating-ML <c>flog</c>: (1/M)·log10(x/T) + 1; x ≤ 0 has no image (−∞ at 0, NaN below), so no gate takes it.</summary>
internal sealed record LogTransform : ITransform
{
    /// <summary>Creates the transform; T &gt; 0 and M &gt; 0.</summary>
    public LogTransform(double t, double m)
    {
        TransformGuard.Positive(t, "T", "flog");
        TransformGuard.Positive(m, "M", "flog");
        T = t;
        M = m;
    }

    /// <summary>Top of scale.</summary>
    public double T { get; }

    /// <summary>Decades shown.</summary>
    public double M { get; }

    /// <inheritdoc/>
    public double Forward(double value) => (Math.Log10(value / T) / M) + 1;

    /// <inheritdoc/>
    public double Inverse(double transformed) => T * Math.Pow(10, (transformed - 1) * M);

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<double> values, Span<double> destination)
    {
        TransformGuard.SameLength(values.Length, destination.Length);
        var t = T;
        var m = M;
        for (var i = 0; i < values.Length; i++)
        {
            destination[i] = (Math.Log10(values[i] / t) / m) + 1;
        }
    }
}
