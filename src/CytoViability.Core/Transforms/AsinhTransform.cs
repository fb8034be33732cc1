namespace CytoViability.Core.Transforms;

/// <summary>
/// Gating-ML <c>fasinh</c>: (asinh(x·sinh(M·ln10)/T) + A·ln10) / ((M + A)·ln10). Equal to logicle with W = 0.
/// </summary>
internal sealed record AsinhTransform : ITransform
{
    private readonly double _scale;
    private readonly double _offset;
    private readonly double _range;

    /// <summary>Creates the transform; T &gt; 0, M &gt; 0, 0 ≤ A.</summary>
    public AsinhTransform(double t, double m, double a)
    {
        TransformGuard.Positive(t, "T", "fasinh");
        TransformGuard.Positive(m, "M", "fasinh");
        TransformGuard.NonNegative(a, "A", "fasinh");
        T = t;
        M = m;
        A = a;
        _scale = Math.Sinh(m * Math.Log(10)) / t;
        _offset = a * Math.Log(10);
        _range = (m + a) * Math.Log(10);
    }

    /// <summary>Top of scale.</summary>
    public double T { get; }

    /// <summary>Decades at the top.</summary>
    public double M { get; }

    /// <summary>Extra decades below zero.</summary>
    public double A { get; }

    /// <inheritdoc/>
    public double Forward(double value) => (Math.Asinh(value * _scale) + _offset) / _range;

    /// <inheritdoc/>
    public double Inverse(double transformed) => Math.Sinh((transformed * _range) - _offset) / _scale;
}
