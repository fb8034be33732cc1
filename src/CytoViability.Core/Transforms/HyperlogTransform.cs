namespace CytoViability.Core.Transforms;

/// <summary>
/// Hyperlog (Bagwell 2005; Gating-ML 2.0 §6.7): like logicle but the data-side curve is a·e^(by) + c·y + f, so it
/// is linear rather than biexponential near zero. T top of scale, W linear width (decades, &gt; 0), M decades,
/// A extra negative decades.
/// </summary>
internal sealed class HyperlogTransform : ITransform, IIncreasingTransform
{
    private readonly ScaleCurve _curve;
    // Built on the first forward call: validating a template (validate, the template loader) never applies its
    // transforms, and the table is most of a transform's construction cost.
    private ScaleTable? _table;

    /// <summary>Creates the transform; needs T &gt; 0, M &gt; 0, 0 &lt; W ≤ M/2 and −W ≤ A ≤ M − 2W.</summary>
    public HyperlogTransform(double t, double w, double m, double a)
    {
        TransformGuard.Positive(t, "T", "hyperlog");
        TransformGuard.Positive(m, "M", "hyperlog");
        TransformGuard.Positive(w, "W", "hyperlog");
        if (2 * w > m)
        {
            TransformGuard.ThrowInvalid("hyperlog", "W must not exceed M/2");
        }

        if (!(a >= -w) || !(a <= m - (2 * w)))
        {
            TransformGuard.ThrowInvalid("hyperlog", "A must lie between −W and M − 2W");
        }

        T = t;
        W = w;
        M = m;
        A = a;
        var ln10 = Math.Log(10);
        var scaledW = w / (m + a);
        var x2 = a / (m + a);
        var x1 = x2 + scaledW;
        var x0 = x2 + (2 * scaledW);
        var b = (m + a) * ln10;
        var ca = Math.Exp(b * x0) / scaledW;
        var fa = Math.Exp(b * x1) + (ca * x1);
        var scale = t / (Math.Exp(b) + ca - fa);
        _curve = new ScaleCurve(scale, b, ca * scale, 0, -fa * scale, x1, linearTail: true, seriesReach: Math.Max(scaledW / 4, 0.25 / b));
    }

    /// <summary>Top of scale.</summary>
    public double T { get; }

    /// <summary>Width of the linear region, in decades.</summary>
    public double W { get; }

    /// <summary>Decades at the top of scale.</summary>
    public double M { get; }

    /// <summary>Additional negative decades.</summary>
    public double A { get; }

    private ScaleTable Table => Volatile.Read(ref _table) ?? BuildTable();

    /// <inheritdoc/>
    public double Forward(double value) => Table.Forward(value);

    /// <inheritdoc/>
    public double Inverse(double transformed) => _curve.Value(transformed);

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<double> values, Span<double> destination) => Table.Forward(values, destination);

    /// <inheritdoc/>
    (double Below, double Above) IIncreasingTransform.Preimage(double bound) => _curve.Preimage(bound);

    /// <summary>Two threads may both build it; the tables are identical and the first one stored is kept.</summary>
    private ScaleTable BuildTable()
    {
        var table = new ScaleTable(_curve, T);
        return Interlocked.CompareExchange(ref _table, table, null) ?? table;
    }
}
