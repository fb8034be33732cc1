namespace CytoViability.Core.Transforms;

/// <summary>
/// The data-side curve behind logicle and hyperlog: for y ≥ x1, value(y) = a·e^(b·y) + tail(y) + f, with
/// tail = −c·e^(−d·y) (logicle, Parks 2006) or c·y (hyperlog, Bagwell 2005); below x1 the curve is the point
/// reflection through (x1, 0). Near x1 the terms cancel, so there a Taylor series in (y − x1) is used instead,
/// which keeps small data values exact to the last bits; the forward direction is solved by safeguarded Halley
/// steps on this curve, so forward and inverse agree to double precision.
/// </summary>
internal sealed class ScaleCurve
{
    private const int SeriesTerms = 24;

    private readonly double _a;
    private readonly double _b;
    private readonly double _c;
    private readonly double _d;
    private readonly double _f;
    private readonly bool _linearTail;
    private readonly double _seriesReach;
    private readonly double[] _series;

    public ScaleCurve(double a, double b, double c, double d, double f, double x1, bool linearTail, double seriesReach)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
        _f = f;
        X1 = x1;
        _linearTail = linearTail;
        _seriesReach = seriesReach;
        _series = new double[SeriesTerms + 1];
        var growth = a * Math.Exp(b * x1);
        var decay = linearTail ? 0 : c * Math.Exp(-d * x1);
        var factorial = 1.0;
        var bPower = 1.0;
        var dPower = 1.0;
        for (var k = 1; k <= SeriesTerms; k++)
        {
            factorial *= k;
            bPower *= b;
            dPower *= d;
            var tail = linearTail ? (k == 1 ? c : 0) : (k % 2 == 1 ? decay * dPower : -decay * dPower);
            _series[k] = ((growth * bPower) + tail) / factorial;
        }
    }

    /// <summary>The transformed value of data value 0.</summary>
    public double X1 { get; }

    /// <summary>Slope of the curve at x1 (data units per transformed unit).</summary>
    public double SlopeAtZero => _series[1];

    public double A => _a;

    public double B => _b;

    public double C => _c;

    public double D => _d;

    public double F => _f;

    public bool LinearTail => _linearTail;

    public double SeriesReach => _seriesReach;

    /// <summary>Data value at transformed value <paramref name="y"/>.</summary>
    public double Value(double y)
    {
        if (double.IsNaN(y))
        {
            return double.NaN;
        }

        return y >= X1 ? Upper(y) : -Upper((2 * X1) - y);
    }

    /// <summary>
    /// Data values just below and above the pre-image of transformed value <paramref name="bound"/>: the pre-images of
    /// bound ∓ 1e-9·max(1, |bound|). Forward and <see cref="Value"/> are both within ~1e-15 of the true curve, so the
    /// band leaves a margin of six orders of magnitude; the band's ends overflow to ±∞ where the curve does.
    /// </summary>
    public (double Below, double Above) Preimage(double bound)
    {
        var band = 1e-9 * Math.Max(1, Math.Abs(bound));
        return (Value(bound - band), Value(bound + band));
    }

    /// <summary>Transformed value of data value <paramref name="value"/>, by the exact root finder alone.</summary>
    public double Solve(double value)
    {
        if (double.IsNaN(value))
        {
            return double.NaN;
        }

        if (double.IsInfinity(value))
        {
            return value;
        }

        return value >= 0 ? SolveUpper(value) : (2 * X1) - SolveUpper(-value);
    }

    private double Upper(double y)
    {
        var delta = y - X1;
        if (delta < _seriesReach)
        {
            var sum = 0.0;
            for (var k = SeriesTerms; k >= 1; k--)
            {
                sum = (sum + _series[k]) * delta;
            }

            return sum;
        }

        var tail = _linearTail ? _c * y : -_c * Math.Exp(-_d * y);
        return (_a * Math.Exp(_b * y)) + tail + _f;
    }

    private (double Slope, double Curvature) Derivatives(double y)
    {
        var growth = _a * _b * Math.Exp(_b * y);
        if (_linearTail)
        {
            return (growth + _c, growth * _b);
        }

        var decay = _c * _d * Math.Exp(-_d * y);
        return (growth + decay, (growth * _b) - (decay * _d));
    }

    /// <summary>The root of Upper(y) = value for value ≥ 0: Halley steps from a guess, bisection if they stray.</summary>
    internal double SolveUpper(double value, double guess = double.NaN)
    {
        if (value == 0)
        {
            return X1;
        }

        var y = double.IsNaN(guess) ? InitialGuess(value) : guess;
        for (var iteration = 0; iteration < 40 && double.IsFinite(y) && y >= X1; iteration++)
        {
            var next = HalleyStep(y, value);
            if (Math.Abs(next - y) <= 4.5e-16 * Math.Abs(next))
            {
                return next;
            }

            y = next;
        }

        return Bisect(value);
    }

    private double HalleyStep(double y, double value)
    {
        var error = Upper(y) - value;
        var (slope, curvature) = Derivatives(y);
        return y - (error / (slope * (1 - (error * curvature / (2 * slope * slope)))));
    }

    private double Bisect(double value)
    {
        var low = X1;
        var high = X1 + 1;
        for (var i = 0; i < 2000 && Upper(high) < value; i++)
        {
            low = high;
            high = X1 + ((high - X1) * 2);
        }

        while (true)
        {
            var middle = 0.5 * (low + high);
            if (middle <= low || middle >= high)
            {
                return middle;
            }

            if (Upper(middle) < value)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
    }

    private double InitialGuess(double value)
    {
        var linear = X1 + (value / _series[1]);
        if (linear - X1 < _seriesReach)
        {
            return linear;
        }

        return Math.Log((value - _f) / _a) / _b;
    }
}
