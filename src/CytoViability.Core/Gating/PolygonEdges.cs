using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CytoViability.Core.Gating;

/// <summary>
/// A polygon prepared for point tests. A point is inside when it lies on an edge (cross product exactly zero within
/// the edge's box) or, else, when a ray towards +x crosses an odd number of edges. An edge counts when it spans the
/// point's y half-open (one end above, the other not), and the ray crosses it when the cross product has the sign
/// of the edge's direction — the division-free form of "x left of the intersection", so on-edge and crossing
/// decisions come from the same number. The scalar and four-lane tests do the same operations and agree exactly.
/// </summary>
internal sealed class PolygonEdges
{
    private const int LanesPerEdge = 8;

    private readonly double[] _ax;
    private readonly double[] _ay;
    private readonly double[] _by;
    private readonly double[] _dx;
    private readonly double[] _dy;
    private readonly double[] _minX;
    private readonly double[] _maxX;
    private readonly double[] _minY;
    private readonly double[] _maxY;
    // The same per-edge constants broadcast to four lanes, so the vector test loads them instead of rebuilding them.
    private readonly Vector256<double>[] _lanes;
    private readonly double _boxMinX = double.PositiveInfinity;
    private readonly double _boxMaxX = double.NegativeInfinity;
    private readonly double _boxMinY = double.PositiveInfinity;
    private readonly double _boxMaxY = double.NegativeInfinity;

    public PolygonEdges(IReadOnlyList<PolygonVertex> vertices)
    {
        var n = vertices.Count;
        _ax = new double[n];
        _ay = new double[n];
        _by = new double[n];
        _dx = new double[n];
        _dy = new double[n];
        _minX = new double[n];
        _maxX = new double[n];
        _minY = new double[n];
        _maxY = new double[n];
        for (var i = 0; i < n; i++)
        {
            var a = vertices[i];
            var b = vertices[(i + 1) % n];
            _ax[i] = a.X;
            _ay[i] = a.Y;
            _by[i] = b.Y;
            _dx[i] = b.X - a.X;
            _dy[i] = b.Y - a.Y;
            _minX[i] = Math.Min(a.X, b.X);
            _maxX[i] = Math.Max(a.X, b.X);
            _minY[i] = Math.Min(a.Y, b.Y);
            _maxY[i] = Math.Max(a.Y, b.Y);
            _boxMinX = Math.Min(_boxMinX, a.X);
            _boxMaxX = Math.Max(_boxMaxX, a.X);
            _boxMinY = Math.Min(_boxMinY, a.Y);
            _boxMaxY = Math.Max(_boxMaxY, a.Y);
        }

        _lanes = new Vector256<double>[LanesPerEdge * n];
        for (var i = 0; i < n; i++)
        {
            var lane = LanesPerEdge * i;
            // The edge direction is stored negated unless it rises, which negates the cross product exactly
            // (IEEE rounding is symmetric): the ray then crosses the edge exactly when the stored cross is > 0.
            var sign = _dy[i] > 0 ? 1.0 : -1.0;
            _lanes[lane] = Vector256.Create(_ax[i]);
            _lanes[lane + 1] = Vector256.Create(_ay[i]);
            _lanes[lane + 2] = Vector256.Create(sign * _dx[i]);
            _lanes[lane + 3] = Vector256.Create(sign * _dy[i]);
            _lanes[lane + 4] = Vector256.Create(_minX[i]);
            _lanes[lane + 5] = Vector256.Create(_maxX[i]);
            _lanes[lane + 6] = Vector256.Create(_minY[i]);
            _lanes[lane + 7] = Vector256.Create(_maxY[i]);
        }
    }

    public bool Contains(double x, double y)
    {
        // Outside the bounding box (also NaN and ±∞) is outside.
        if (!(x >= _boxMinX && x <= _boxMaxX && y >= _boxMinY && y <= _boxMaxY))
        {
            return false;
        }

        var inside = false;
        for (var i = 0; i < _ax.Length; i++)
        {
            var cross = (_dx[i] * (y - _ay[i])) - (_dy[i] * (x - _ax[i]));
            if (cross == 0 && x >= _minX[i] && x <= _maxX[i] && y >= _minY[i] && y <= _maxY[i])
            {
                return true;
            }

            if ((_ay[i] > y) != (_by[i] > y) && (cross > 0) == (_dy[i] > 0))
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Four points at once; all-ones lanes are inside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Contains(Vector256<double> x, Vector256<double> y)
    {
        var box = Vector256.GreaterThanOrEqual(x, Vector256.Create(_boxMinX)) & Vector256.LessThanOrEqual(x, Vector256.Create(_boxMaxX))
            & Vector256.GreaterThanOrEqual(y, Vector256.Create(_boxMinY)) & Vector256.LessThanOrEqual(y, Vector256.Create(_boxMaxY));
        if (box == Vector256<double>.Zero)
        {
            return box;
        }

        var onEdge = Vector256<double>.Zero;
        var inside = Vector256<double>.Zero;
        var edgeCount = _ax.Length;
        ref var lanes = ref MemoryMarshal.GetArrayDataReference(_lanes);

        // Edge i ends where edge i + 1 starts, so "end above y" of one edge is "start above y" of the next.
        var firstAbove = Vector256.GreaterThan(Unsafe.Add(ref lanes, 1), y);
        var startAbove = firstAbove;
        for (var i = 0; i < edgeCount; i++)
        {
            ref var edge = ref Unsafe.Add(ref lanes, i * LanesPerEdge);
            var ay = Unsafe.Add(ref edge, 1);
            var cross = (Unsafe.Add(ref edge, 2) * (y - ay)) - (Unsafe.Add(ref edge, 3) * (x - edge));
            var collinear = Vector256.Equals(cross, Vector256<double>.Zero);
            if (collinear != Vector256<double>.Zero)
            {
                onEdge |= collinear
                    & Vector256.GreaterThanOrEqual(x, Unsafe.Add(ref edge, 4)) & Vector256.LessThanOrEqual(x, Unsafe.Add(ref edge, 5))
                    & Vector256.GreaterThanOrEqual(y, Unsafe.Add(ref edge, 6)) & Vector256.LessThanOrEqual(y, Unsafe.Add(ref edge, 7));
            }

            // Edges that do not span y, flat ones included, are masked out by spans.
            var endAbove = i + 1 < edgeCount ? Vector256.GreaterThan(Unsafe.Add(ref edge, LanesPerEdge + 1), y) : firstAbove;
            var spans = startAbove ^ endAbove;
            startAbove = endAbove;
            var crosses = Vector256.GreaterThan(cross, Vector256<double>.Zero);
            inside ^= spans & crosses;
        }

        return box & (onEdge | inside);
    }
}
