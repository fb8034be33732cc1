using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CytoViability.Core.Transforms;

/// <summary>
/// Fast forward direction of a <see cref="ScaleCurve"/> to full double precision, without a transcendental call
/// per event. Data values are bucketed by their IEEE-754 bits (exponent and top 7 mantissa bits, i.e. 128 buckets
/// per octave); each bucket edge holds its exact transformed value and the curve's two exponential terms there.
/// A value's guess is the linear interpolation between its bucket's edges (error below ~1e-6), then one Halley
/// step evaluates the curve with e^(b·δ), e^(−d·δ) from a short series in the small offset δ from the edge: the
/// cubic convergence takes 1e-6 to below 1e-16. Values outside the table (tiny, huge, NaN, ±∞) use the exact solver.
/// </summary>
internal sealed class ScaleTable
{
    private const int MantissaBits = 7;
    private const int Shift = 52 - MantissaBits;
    private const int OctavesBelowTop = 52;
    private const int OctavesAboveTop = 12;

    private readonly ScaleCurve _curve;
    private readonly long _firstKey;
    private readonly int _buckets;
    private readonly double _smallest;
    // Per bucket j, at 4j..4j+3: edge value y, slope of the interpolation, a·e^(b·y), c·e^(−d·y); one cache line
    // holds everything an event needs.
    private readonly double[] _nodes;
    private readonly double _b;
    private readonly double _c;
    private readonly double _d;
    private readonly double _f;
    private readonly double _x1;
    private readonly double _slope;
    private readonly bool _linearTail;

    public ScaleTable(ScaleCurve curve, double top)
    {
        _curve = curve;
        _b = curve.B;
        _c = curve.C;
        _d = curve.D;
        _f = curve.F;
        _x1 = curve.X1;
        _slope = curve.SlopeAtZero;
        _linearTail = curve.LinearTail;
        var topExponent = (int)((BitConverter.DoubleToInt64Bits(top) >> 52) & 0x7FF);
        var firstExponent = Math.Max(1, topExponent - OctavesBelowTop);
        var lastExponent = Math.Min(2046, topExponent + OctavesAboveTop);
        _firstKey = (long)firstExponent << MantissaBits;
        _buckets = (lastExponent - firstExponent) << MantissaBits;
        _smallest = Edge(0);
        var edges = new double[_buckets + 1];
        _nodes = new double[4 * _buckets];
        var guess = double.NaN;
        for (var j = 0; j <= _buckets; j++)
        {
            var y = curve.SolveUpper(Edge(j), guess);
            edges[j] = y;
            guess = y;
        }

        for (var j = 0; j < _buckets; j++)
        {
            var y = edges[j];
            _nodes[4 * j] = y;
            _nodes[(4 * j) + 1] = (edges[j + 1] - y) / (Edge(j + 1) - Edge(j));
            _nodes[(4 * j) + 2] = curve.A * Math.Exp(_b * y);
            _nodes[(4 * j) + 3] = _linearTail ? 0 : _c * Math.Exp(-_d * y);
        }
    }

    public double Forward(double value)
    {
        if (value >= 0)
        {
            return Upper(value);
        }

        if (value < 0)
        {
            return (2 * _x1) - Upper(-value);
        }

        return double.NaN;
    }

    public void Forward(ReadOnlySpan<double> values, Span<double> destination)
    {
        TransformGuard.SameLength(values.Length, destination.Length);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(values);
            ref var target = ref MemoryMarshal.GetReference(destination);
            for (; i <= values.Length - 4; i += 4)
            {
                // Loaded before anything is stored, so destination may be the same memory as values.
                var x = Vector256.LoadUnsafe(ref source, (nuint)i);
                if (TryForward4(x, out var y))
                {
                    y.StoreUnsafe(ref target, (nuint)i);
                }
                else
                {
                    for (var k = i; k < i + 4; k++)
                    {
                        destination[k] = Forward(values[k]);
                    }
                }
            }
        }

        for (; i < values.Length; i++)
        {
            destination[i] = Forward(values[i]);
        }
    }

    /// <summary>
    /// Four events at once with the same operations, in the same order, as <see cref="Upper"/> (no fused
    /// multiply-add), so column and scalar results are identical; false when a value is outside the table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryForward4(Vector256<double> x, out Vector256<double> result)
    {
        var magnitude = Vector256.Abs(x);
        var key = Vector256.ShiftRightLogical(magnitude.AsInt64(), Shift);
        var bucket = key - Vector256.Create(_firstKey);
        if (!Vector256.LessThanAll(bucket.AsUInt64(), Vector256.Create((ulong)_buckets)))
        {
            result = default;
            return false;
        }

        // Each lane's four node values are one 32-byte load (every bucket is below _buckets, so inside
        // _nodes); a 4×4 transpose makes them columns.
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        var n0 = Vector256.LoadUnsafe(ref nodes, (nuint)bucket.GetElement(0) * 4);
        var n1 = Vector256.LoadUnsafe(ref nodes, (nuint)bucket.GetElement(1) * 4);
        var n2 = Vector256.LoadUnsafe(ref nodes, (nuint)bucket.GetElement(2) * 4);
        var n3 = Vector256.LoadUnsafe(ref nodes, (nuint)bucket.GetElement(3) * 4);
        var (y0, slopeInBucket, nodeGrowth, nodeDecay) = Transpose(n0, n1, n2, n3);
        var low = Vector256.ShiftLeft(key, Shift).AsDouble();
        var delta = (magnitude - low) * slopeInBucket;
        var b = Vector256.Create(_b);
        var growth = nodeGrowth * ExpSmall(b * delta);
        Vector256<double> curve, slope, curvature;
        if (_linearTail)
        {
            var c = Vector256.Create(_c);
            curve = growth + (c * (y0 + delta)) + Vector256.Create(_f);
            slope = (b * growth) + c;
            curvature = b * b * growth;
        }
        else
        {
            var d = Vector256.Create(_d);
            var decay = nodeDecay * ExpSmall(-d * delta);
            curve = growth - decay + Vector256.Create(_f);
            slope = (b * growth) + (d * decay);
            curvature = (b * b * growth) - (d * d * decay);
        }

        var error = curve - magnitude;
        var one = Vector256.Create(1.0);
        var two = Vector256.Create(2.0);
        var y = y0 + delta - (error / (slope * (one - (error * curvature / (two * slope * slope)))));
        var reflected = Vector256.Create(2 * _x1) - y;
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), reflected, y);
        return true;
    }

    private double Edge(long bucket) => BitConverter.Int64BitsToDouble((_firstKey + bucket) << Shift);

    private double Upper(double value)
    {
        var j = (BitConverter.DoubleToInt64Bits(value) >> Shift) - _firstKey;
        if ((ulong)j >= (ulong)_buckets)
        {
            return Outside(value);
        }

        var low = BitConverter.Int64BitsToDouble((_firstKey + j) << Shift);
        var node = (int)j * 4;
        var y0 = _nodes[node];
        var delta = (value - low) * _nodes[node + 1];
        var growth = _nodes[node + 2] * ExpSmall(_b * delta);
        double curve, slope, curvature;
        if (_linearTail)
        {
            curve = growth + (_c * (y0 + delta)) + _f;
            slope = (_b * growth) + _c;
            curvature = _b * _b * growth;
        }
        else
        {
            var decay = _nodes[node + 3] * ExpSmall(-_d * delta);
            curve = growth - decay + _f;
            slope = (_b * growth) + (_d * decay);
            curvature = (_b * _b * growth) - (_d * _d * decay);
        }

        var error = curve - value;
        return y0 + delta - (error / (slope * (1 - (error * curvature / (2 * slope * slope)))));
    }

    private double Outside(double value)
    {
        if (value == 0)
        {
            return _x1;
        }

        // Far below the table the curve is its tangent at zero to double precision.
        return value < _smallest ? _x1 + (value / _slope) : _curve.Solve(value);
    }

    /// <summary>Rows (y, slope, growth, decay) of four buckets to one vector per quantity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> Y, Vector256<double> Slope, Vector256<double> Growth, Vector256<double> Decay) Transpose(
        Vector256<double> r0, Vector256<double> r1, Vector256<double> r2, Vector256<double> r3)
    {
        if (Avx.IsSupported)
        {
            var low01 = Avx.UnpackLow(r0, r1);
            var high01 = Avx.UnpackHigh(r0, r1);
            var low23 = Avx.UnpackLow(r2, r3);
            var high23 = Avx.UnpackHigh(r2, r3);
            return (
                Avx.Permute2x128(low01, low23, 0x20),
                Avx.Permute2x128(high01, high23, 0x20),
                Avx.Permute2x128(low01, low23, 0x31),
                Avx.Permute2x128(high01, high23, 0x31));
        }

        return (
            Vector256.Create(r0[0], r1[0], r2[0], r3[0]),
            Vector256.Create(r0[1], r1[1], r2[1], r3[1]),
            Vector256.Create(r0[2], r1[2], r2[2], r3[2]),
            Vector256.Create(r0[3], r1[3], r2[3], r3[3]));
    }

    /// <summary>
    /// e^z for the small |z| of a bucket (≈ 1/128 in the logarithmic part, below 0.02 anywhere): the degree-6
    /// Taylor polynomial, truncation below 1e-16 relative, evaluated in a short dependency chain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpSmall(Vector256<double> z)
    {
        var z2 = z * z;
        var high = Vector256.Create(1.0 / 24) + (z * Vector256.Create(1.0 / 120)) + (z2 * Vector256.Create(1.0 / 720));
        var middle = Vector256.Create(0.5) + (z * Vector256.Create(1.0 / 6)) + (z2 * high);
        return Vector256.Create(1.0) + z + (z2 * middle);
    }

    private static double ExpSmall(double z)
    {
        var z2 = z * z;
        var high = (1.0 / 24) + (z * (1.0 / 120)) + (z2 * (1.0 / 720));
        var middle = 0.5 + (z * (1.0 / 6)) + (z2 * high);
        return 1.0 + z + (z2 * middle);
    }
}
