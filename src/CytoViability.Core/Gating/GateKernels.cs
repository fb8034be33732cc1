using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Gating;

/// <summary>
/// The per-event loops of the gates, over column spans and into bitset words (word w holds events 64w..64w+63 of
/// the span; bits past the span's last event are clear). Each kernel ANDs its result into the words, so a rectangle
/// is its bounds applied one after another, and events already out (zero words or lanes) are skipped by the costly shapes.
/// </summary>
internal static class GateKernels
{
    /// <summary>words &amp;= (low ≤ x &lt; high), with NaN and ±∞ always out; a null side is open.</summary>
    public static void Range(ReadOnlySpan<double> values, double? min, double? max, Span<ulong> words)
    {
        // An open side still excludes infinities: x > −∞ and x < +∞ are false for ±∞ and NaN alike.
        var low = min is { } m && double.IsFinite(m) ? m : double.NegativeInfinity;
        var lowInclusive = min is { } n && double.IsFinite(n);
        var high = max is { } h && !double.IsNaN(h) ? h : double.PositiveInfinity;
        var count = values.Length;
        var fullWords = count >> 6;
        ref var start = ref MemoryMarshal.GetReference(values);
        var lowVector = Vector256.Create(low);
        var highVector = Vector256.Create(high);
        for (var w = 0; w < fullWords; w++)
        {
            if (words[w] == 0)
            {
                continue;
            }

            ulong bits = 0;
            ref var block = ref Unsafe.Add(ref start, w << 6);
            for (var k = 0; k < 16; k++)
            {
                var v = Vector256.LoadUnsafe(ref block, (nuint)(k * 4));
                var above = lowInclusive ? Vector256.GreaterThanOrEqual(v, lowVector) : Vector256.GreaterThan(v, lowVector);
                var inside = above & Vector256.LessThan(v, highVector);
                bits |= (ulong)inside.ExtractMostSignificantBits() << (k * 4);
            }

            words[w] &= bits;
        }

        for (var i = fullWords << 6; i < count; i++)
        {
            var x = values[i];
            var inside = (lowInclusive ? x >= low : x > low) && x < high;
            if (!inside)
            {
                words[i >> 6] &= ~(1UL << i);
            }
        }
    }

    /// <summary>
    /// words &amp;= (low ≤ transform(x) &lt; high) like <see cref="Range"/>, decided on the data values
    /// <paramref name="data"/>: a value beyond both bounds' pre-image bands is inside or outside without transforming
    /// it; only values within a band (and ±∞, which the bands may reach) are transformed and compared exactly.
    /// </summary>
    public static void RangeOnPreimage(ReadOnlySpan<double> data, IIncreasingTransform transform, double? min, double? max, Span<ulong> words)
    {
        var low = min is { } m && double.IsFinite(m) ? m : double.NegativeInfinity;
        var lowInclusive = min is { } n && double.IsFinite(n);
        var high = max is { } h && !double.IsNaN(h) ? h : double.PositiveInfinity;
        var (lowBelow, lowAbove) = lowInclusive ? transform.Preimage(low) : (double.NegativeInfinity, double.NegativeInfinity);
        var (highBelow, highAbove) = double.IsFinite(high) ? transform.Preimage(high) : (high, high);
        var count = data.Length;
        var fullWords = count >> 6;
        ref var start = ref MemoryMarshal.GetReference(data);
        var sureLow = Vector256.Create(lowAbove);
        var sureHigh = Vector256.Create(highBelow);
        var bandLowStart = Vector256.Create(lowBelow);
        var bandHighEnd = Vector256.Create(highAbove);
        for (var w = 0; w < fullWords; w++)
        {
            var word = words[w];
            if (word == 0)
            {
                continue;
            }

            ulong inside = 0;
            ulong undecided = 0;
            ref var block = ref Unsafe.Add(ref start, w << 6);
            for (var k = 0; k < 16; k++)
            {
                var v = Vector256.LoadUnsafe(ref block, (nuint)(k * 4));
                var sure = Vector256.GreaterThan(v, sureLow) & Vector256.LessThan(v, sureHigh);
                var band = (Vector256.GreaterThanOrEqual(v, bandLowStart) & Vector256.LessThanOrEqual(v, sureLow))
                    | (Vector256.GreaterThanOrEqual(v, sureHigh) & Vector256.LessThanOrEqual(v, bandHighEnd));
                inside |= (ulong)sure.ExtractMostSignificantBits() << (k * 4);
                undecided |= (ulong)band.ExtractMostSignificantBits() << (k * 4);
            }

            undecided &= word;
            while (undecided != 0)
            {
                var bit = BitOperations.TrailingZeroCount(undecided);
                undecided &= undecided - 1;
                if (InRange(transform.Forward(Unsafe.Add(ref block, bit)), low, lowInclusive, high))
                {
                    inside |= 1UL << bit;
                }
            }

            words[w] = word & inside;
        }

        for (var i = fullWords << 6; i < count; i++)
        {
            if (!InRange(transform.Forward(data[i]), low, lowInclusive, high))
            {
                words[i >> 6] &= ~(1UL << i);
            }
        }
    }

    /// <summary>
    /// Splits the events of <paramref name="words"/> at the ascending <paramref name="thresholds"/> in one pass:
    /// intervals[i] receives those that Range(thresholds[i−1], thresholds[i]) keeps (open below the first and above
    /// the last threshold), intervals[^1] those finite at all. With a <paramref name="transform"/>, thresholds are on
    /// its axis and are compared on the data axis as in <see cref="RangeOnPreimage"/>.
    /// </summary>
    public static void Intervals(ReadOnlySpan<double> data, IIncreasingTransform? transform, IReadOnlyList<double> thresholds, ReadOnlySpan<ulong> words, ulong[][] intervals)
    {
        var cuts = thresholds.ToArray();
        var n = cuts.Length;
        var below = new Vector256<double>[n];
        var above = new Vector256<double>[n];
        for (var j = 0; j < n; j++)
        {
            var (start, end) = !double.IsFinite(cuts[j]) ? (double.NaN, double.NaN)
                : transform is null ? (cuts[j], cuts[j]) : transform.Preimage(cuts[j]);
            below[j] = Vector256.Create(start);
            above[j] = Vector256.Create(end);
        }

        // Per threshold, the events it lets through as an interval's low end and as its high end.
        Span<ulong> asLow = stackalloc ulong[n];
        Span<ulong> asHigh = stackalloc ulong[n];
        var count = data.Length;
        var fullWords = count >> 6;
        ref var first = ref MemoryMarshal.GetReference(data);
        var infinity = Vector256.Create(double.PositiveInfinity);
        for (var w = 0; w < fullWords; w++)
        {
            var word = words[w];
            if (word == 0)
            {
                continue;
            }

            ulong finite = 0;
            ref var block = ref Unsafe.Add(ref first, w << 6);
            for (var k = 0; k < 16; k++)
            {
                var v = Vector256.LoadUnsafe(ref block, (nuint)(k * 4));
                finite |= (ulong)Vector256.LessThan(Vector256.Abs(v), infinity).ExtractMostSignificantBits() << (k * 4);
            }

            finite &= word;
            for (var j = 0; j < n; j++)
            {
                var start = below[j];
                var end = above[j];
                ulong sure = 0;
                ulong band = 0;
                for (var k = 0; k < 16; k++)
                {
                    var v = Vector256.LoadUnsafe(ref block, (nuint)(k * 4));
                    sure |= (ulong)Vector256.GreaterThan(v, end).ExtractMostSignificantBits() << (k * 4);
                    band |= (ulong)(Vector256.GreaterThanOrEqual(v, start) & Vector256.LessThanOrEqual(v, end)).ExtractMostSignificantBits() << (k * 4);
                }

                band &= finite;
                while (band != 0)
                {
                    var bit = BitOperations.TrailingZeroCount(band);
                    band &= band - 1;
                    var value = Unsafe.Add(ref block, bit);
                    if ((transform is null ? value : transform.Forward(value)) >= cuts[j])
                    {
                        sure |= 1UL << bit;
                    }
                }

                (asLow[j], asHigh[j]) = Sides(cuts[j], sure);
            }

            Split(asLow, asHigh, finite, w, intervals);
        }

        for (var i = fullWords << 6; i < count; i++)
        {
            if ((words[i >> 6] & (1UL << i)) == 0)
            {
                continue;
            }

            var value = transform is null ? data[i] : transform.Forward(data[i]);
            for (var j = 0; j < n; j++)
            {
                (asLow[j], asHigh[j]) = Sides(cuts[j], value >= cuts[j] ? ulong.MaxValue : 0);
            }

            Split(asLow, asHigh, double.IsFinite(value) ? 1UL << i : 0, i >> 6, intervals);
        }
    }

    /// <summary>
    /// What a threshold lets through as a low end and as a high end, as <see cref="Range"/> reads bounds: a
    /// non-finite low end bounds nothing, a +∞ or NaN high end keeps everything and a −∞ one nothing.
    /// </summary>
    private static (ulong AsLow, ulong AsHigh) Sides(double threshold, ulong atOrAbove) =>
        double.IsFinite(threshold) ? (atOrAbove, ~atOrAbove)
            : (ulong.MaxValue, threshold == double.NegativeInfinity ? 0 : ulong.MaxValue);

    /// <summary>ORs word <paramref name="w"/> of every interval, and of the finite events, into <paramref name="intervals"/>.</summary>
    private static void Split(ReadOnlySpan<ulong> asLow, ReadOnlySpan<ulong> asHigh, ulong finite, int w, ulong[][] intervals)
    {
        var n = asLow.Length;
        for (var i = 0; i <= n; i++)
        {
            var bits = finite;
            if (i > 0)
            {
                bits &= asLow[i - 1];
            }

            if (i < n)
            {
                bits &= asHigh[i];
            }

            intervals[i][w] |= bits;
        }

        intervals[n + 1][w] |= finite;
    }

    /// <summary>
    /// words &amp;= inside the polygon (edges and vertices inside, even–odd rule elsewhere). Only the events still in
    /// are tested: a sparse word's events are gathered four at a time, a dense word is tested in place four lanes at a
    /// time, skipping lanes with no event in.
    /// </summary>
    public static void Polygon(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, PolygonEdges edges, Span<ulong> words)
    {
        var fullWords = xs.Length >> 6;
        ref var x0 = ref MemoryMarshal.GetReference(xs);
        ref var y0 = ref MemoryMarshal.GetReference(ys);
        Span<int> members = stackalloc int[64];
        for (var w = 0; w < fullWords; w++)
        {
            var word = words[w];
            if (word == 0)
            {
                continue;
            }

            ulong bits = 0;
            var start = w << 6;
            if (BitOperations.PopCount(word) <= 24)
            {
                var count = 0;
                for (var rest = word; rest != 0; rest &= rest - 1)
                {
                    members[count++] = BitOperations.TrailingZeroCount(rest);
                }

                for (var k = 0; k < count; k += 4)
                {
                    // A short last group repeats its first event; the extra lanes are not written back.
                    var i0 = start + members[k];
                    var i1 = start + members[k + 1 < count ? k + 1 : k];
                    var i2 = start + members[k + 2 < count ? k + 2 : k];
                    var i3 = start + members[k + 3 < count ? k + 3 : k];
                    var x = Vector256.Create(Unsafe.Add(ref x0, i0), Unsafe.Add(ref x0, i1), Unsafe.Add(ref x0, i2), Unsafe.Add(ref x0, i3));
                    var y = Vector256.Create(Unsafe.Add(ref y0, i0), Unsafe.Add(ref y0, i1), Unsafe.Add(ref y0, i2), Unsafe.Add(ref y0, i3));
                    var inside = edges.Contains(x, y).ExtractMostSignificantBits();
                    for (var lane = 0; lane < 4 && k + lane < count; lane++)
                    {
                        bits |= (ulong)((inside >> lane) & 1) << members[k + lane];
                    }
                }
            }
            else
            {
                for (var k = 0; k < 16; k++)
                {
                    if (((word >> (k * 4)) & 0xF) == 0)
                    {
                        continue;
                    }

                    var x = Vector256.LoadUnsafe(ref x0, (nuint)(start + (k * 4)));
                    var y = Vector256.LoadUnsafe(ref y0, (nuint)(start + (k * 4)));
                    bits |= (ulong)edges.Contains(x, y).ExtractMostSignificantBits() << (k * 4);
                }
            }

            words[w] = word & bits;
        }

        for (var i = fullWords << 6; i < xs.Length; i++)
        {
            if (!edges.Contains(xs[i], ys[i]))
            {
                words[i >> 6] &= ~(1UL << i);
            }
        }
    }

    /// <summary>
    /// words &amp;= inside the polygon, given the coordinates of the events in the words only, in event order
    /// (<paramref name="xs"/>[c] belongs to the c-th set bit): dense four-lane tests over the gathered values, then
    /// each result goes back to its event's bit.
    /// </summary>
    public static void PolygonOnMembers(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, PolygonEdges edges, Span<ulong> words)
    {
        var members = xs.Length;
        var last = members - 1;
        ref var x0 = ref MemoryMarshal.GetReference(xs);
        ref var y0 = ref MemoryMarshal.GetReference(ys);
        var w = -1;
        ulong rest = 0;
        ulong kept = 0;
        for (var c = 0; c < members; c += 64)
        {
            var n = Math.Min(64, members - c);
            ulong inside = 0;
            for (var k = 0; k < n; k += 4)
            {
                Vector256<double> x, y;
                var i = c + k;
                if (i + 4 <= members)
                {
                    x = Vector256.LoadUnsafe(ref x0, (nuint)i);
                    y = Vector256.LoadUnsafe(ref y0, (nuint)i);
                }
                else
                {
                    // The last, short group repeats its last member in the spare lanes; those bits lie past n.
                    x = Vector256.Create(xs[i], xs[Math.Min(i + 1, last)], xs[Math.Min(i + 2, last)], xs[last]);
                    y = Vector256.Create(ys[i], ys[Math.Min(i + 1, last)], ys[Math.Min(i + 2, last)], ys[last]);
                }

                inside |= (ulong)edges.Contains(x, y).ExtractMostSignificantBits() << k;
            }

            for (var b = 0; b < n; b++)
            {
                while (rest == 0)
                {
                    if (w >= 0)
                    {
                        words[w] = kept;
                    }

                    rest = words[++w];
                    kept = 0;
                }

                var bit = rest & (0 - rest);
                rest &= rest - 1;
                if (((inside >> b) & 1) != 0)
                {
                    kept |= bit;
                }
            }
        }

        if (w >= 0)
        {
            words[w] = kept;
        }
    }

    /// <summary>words &amp;= (x − mean)ᵀ·inverse·(x − mean) ≤ distanceSquare; NaN/±∞ give NaN/∞ and fall out.</summary>
    public static void Ellipsoid(ReadOnlyMemory<double>[] columns, double[] mean, double[,] inverse, double distanceSquare, Span<ulong> words)
    {
        var n = mean.Length;
        var delta = new double[n];
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            var keep = word;
            while (word != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                var e = (w << 6) + bit;
                for (var j = 0; j < n; j++)
                {
                    delta[j] = columns[j].Span[e] - mean[j];
                }

                var sum = 0.0;
                for (var r = 0; r < n; r++)
                {
                    var row = 0.0;
                    for (var c = 0; c < n; c++)
                    {
                        row += inverse[r, c] * delta[c];
                    }

                    sum += delta[r] * row;
                }

                if (!(sum <= distanceSquare))
                {
                    keep &= ~(1UL << bit);
                }
            }

            words[w] = keep;
        }
    }

    private static bool InRange(double x, double low, bool lowInclusive, double high) =>
        (lowInclusive ? x >= low : x > low) && x < high;
}
