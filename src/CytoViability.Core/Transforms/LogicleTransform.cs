namespace CytoViability.Core.Transforms;

/// <summary>
/// Logicle (Parks, Roederer, Moore 2006; Gating-ML 2.0 §6.6): linear around zero, logarithmic above, with
/// T top of scale, W linearisation width in decades, M decades, A extra negative decades. Forward is the root
/// of the biexponential a·e^(by) − c·e^(−dy) + f, solved to double precision (no lookup table).
/// </summary>
internal sealed class LogicleTransform : ITransform, IIncreasingTransform
{
    private readonly ScaleCurve _curve;
    // Built on the first forward call: validating a template (validate, the template loader) never applies its
    // transforms, and the table is most of a transform's construction cost.
    private ScaleTable? _table;

    /// <summary>Creates the transform; needs T &gt; 0, M &gt; 0, 0 ≤ W ≤ M/2 and −W ≤ A ≤ M − 2W.</summary>
    public LogicleTransform(double t, double w, double m, double a)
    {
        TransformGuard.Positive(t, "T", "logicle");
        TransformGuard.Positive(m, "M", "logicle");
        TransformGuard.NonNegative(w, "W", "logicle");
        if (2 * w > m)
        {
            TransformGuard.ThrowInvalid("logicle", "W must not exceed M/2");
        }

        if (!(a >= -w) || !(a <= m - (2 * w)))
        {
            TransformGuard.ThrowInvalid("logicle", "A must lie between −W and M − 2W");
        }

        T = t;
        W = w;
        M = m;
        A = a;
        _curve = Build(t, w, m, a);
    }

    /// <summary>Top of scale.</summary>
    public double T { get; }

    /// <summary>Width of the linear region, in decades.</summary>
    public double W { get; }

    /// <summary>Decades at the top of scale.</summary>
    public double M { get; }

    /// <summary>Additional negative decades.</summary>
    public double A { get; }

    internal ScaleCurve Curve => _curve;

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

    private static ScaleCurve Build(double t, double w, double m, double a)
    {
        var ln10 = Math.Log(10);
        var scaledW = w / (m + a);
        var x2 = a / (m + a);
        var x1 = x2 + scaledW;
        var x0 = x2 + (2 * scaledW);
        var b = (m + a) * ln10;
        var d = SolveD(b, scaledW);
        var ca = Math.Exp(x0 * (b + d));
        var mfa = Math.Exp(b * x1) - (ca * Math.Exp(-d * x1));
        var scale = t / (Math.Exp(b) - mfa - (ca * Math.Exp(-d)));
        var reach = Math.Max(scaledW / 4, 0.25 / b);
        return new ScaleCurve(scale, b, ca * scale, d, -mfa * scale, x1, linearTail: false, seriesReach: reach);
    }

    /// <summary>d solves 2(ln d − ln b) + w(b + d) = 0 on (0, b]; d = b when w = 0.</summary>
    private static double SolveD(double b, double w)
    {
        if (w == 0)
        {
            return b;
        }

        var low = 0.0;
        var high = b;
        while (true)
        {
            var middle = 0.5 * (low + high);
            if (middle <= low || middle >= high)
            {
                return middle;
            }

            var g = (2 * (Math.Log(middle) - Math.Log(b))) + (w * (b + middle));
            if (g < 0)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
    }
}
