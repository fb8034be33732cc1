using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CytoViability.Core.Placement;

/// <summary>
/// Event counts in fixed bins over one transformed axis: the density every placement method reads. Counts are
/// integers and the binning is a pure function of the value, so the histograms of shards, files or samples add up
/// (<see cref="Merge"/>) to exactly the histogram of the pooled events, in any order: a position computed from a
/// merged histogram is the same bit for bit wherever the events were counted.
/// </summary>
/// <remarks>
/// A value v goes to bin ⌊(v − <see cref="Minimum"/>)·<see cref="BinCount"/>/(<see cref="Maximum"/> −
/// <see cref="Minimum"/>)⌋ when that index lies in 0..<see cref="BinCount"/>−1; below that it counts in
/// <see cref="Below"/>, above in <see cref="Above"/> (this also decides a value within rounding of
/// <see cref="Maximum"/>). NaN and ±∞ are not positions on the axis and count only in <see cref="NonFinite"/>.
/// </remarks>
internal sealed class AxisHistogram
{
    private readonly long[] _counts;
    private readonly double _binsPerUnit;

    /// <summary><paramref name="bins"/> equal bins over [<paramref name="minimum"/>, <paramref name="maximum"/>).</summary>
    public AxisHistogram(double minimum, double maximum, int bins)
    {
        if (!double.IsFinite(minimum) || !double.IsFinite(maximum) || maximum <= minimum)
        {
            throw new ArgumentException("a histogram axis needs finite minimum < maximum, not [" + minimum + ", " + maximum + ")");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        Minimum = minimum;
        Maximum = maximum;
        BinCount = bins;
        // A sample's histograms live until the run has gated every file (pooling, gate-spread QC), so the collector
        // would copy them twice, into fresh pages each time; on the pinned heap they never move. ADCC batch of 64
        // files: 700 fewer page faults a run (docs/performance.md, session 12).
        _counts = GC.AllocateArray<long>(bins, pinned: true);
        _binsPerUnit = bins / (maximum - minimum);
    }

    /// <summary>Lower edge of the first bin.</summary>
    public double Minimum { get; }

    /// <summary>Upper edge of the last bin (not included).</summary>
    public double Maximum { get; }

    /// <summary>Number of bins.</summary>
    public int BinCount { get; }

    /// <summary>Width of every bin on the transformed axis.</summary>
    public double BinWidth => (Maximum - Minimum) / BinCount;

    /// <summary>Events per bin.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Finite events below <see cref="Minimum"/>.</summary>
    public long Below { get; private set; }

    /// <summary>Finite events at or above <see cref="Maximum"/>.</summary>
    public long Above { get; private set; }

    /// <summary>NaN and ±∞ events: counted, never placed on the axis.</summary>
    public long NonFinite { get; private set; }

    /// <summary>Events in the bins.</summary>
    public long InRange { get; private set; }

    /// <summary>Finite events: <see cref="InRange"/> + <see cref="Below"/> + <see cref="Above"/>.</summary>
    public long Total => InRange + Below + Above;

    /// <summary>Centre of bin <paramref name="bin"/>.</summary>
    public double BinCenter(int bin) => Minimum + ((bin + 0.5) * BinWidth);

    /// <summary>Counts one event.</summary>
    public void Add(double value)
    {
        var code = CodeOf(value, Minimum, _binsPerUnit, BinCount);
        if (code < BinCount)
        {
            _counts[code]++;
            InRange++;
        }
        else if (code == BinCount)
        {
            Below++;
        }
        else if (code == BinCount + 1)
        {
            Above++;
        }
        else
        {
            NonFinite++;
        }
    }

    /// <summary>Counts every event of a column.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        if (values.Length < SmallColumn)
        {
            foreach (var value in values)
            {
                Add(value);
            }

            return;
        }

        var width = BinCount + OffAxisCodes;
        var lanes = ArrayPool<int>.Shared.Rent(Lanes * width);
        try
        {
            Array.Clear(lanes, 0, Lanes * width);
            CountInLanes(values, lanes, width);
            FlushCodedLanes(lanes, width);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lanes);
        }
    }

    /// <summary>
    /// Where <see cref="Add(double)"/> would count each value of <paramref name="values"/> on a histogram of this
    /// binning, as a code: the bin (0 .. <paramref name="bins"/> − 1), or <paramref name="bins"/> (below),
    /// <paramref name="bins"/> + 1 (above), <paramref name="bins"/> + 2 (not finite). A column counted for several
    /// populations is binned once, and each population's count (<see cref="AddCoded"/>) is exactly that of adding
    /// its values.
    /// </summary>
    public static void Code(double minimum, double maximum, int bins, ReadOnlySpan<double> values, Span<ushort> codes)
    {
        if (codes.Length != values.Length)
        {
            throw new ArgumentException("one code per value: " + values.Length + ", not " + codes.Length, nameof(codes));
        }

        if (bins is < 1 or > ushort.MaxValue - 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "codes hold 1 to 65,533 bins");
        }

        // The same arithmetic as the constructor and Add(double), so a code is the bin Add would choose.
        var perUnit = bins / (maximum - minimum);
        var i = 0;
        if (CodeVectors.IsSupported)
        {
            var vectors = new CodeVectors(minimum, perUnit, bins);
            ref var target = ref Unsafe.As<ushort, byte>(ref MemoryMarshal.GetReference(codes));
            for (; i <= values.Length - Lanes; i += Lanes)
            {
                var whole = vectors.Of(Vector256.Create(values.Slice(i, Lanes)));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, i * sizeof(ushort)), Sse41.PackUnsignedSaturate(whole, whole).AsUInt64().ToScalar());
            }
        }

        for (; i < values.Length; i++)
        {
            codes[i] = (ushort)CodeOf(values[i], minimum, perUnit, bins);
        }
    }

    /// <summary>
    /// Counts <paramref name="codes"/>[j] (from <see cref="Code"/> on this binning) for every j whose event
    /// j·<paramref name="stride"/> has its bit set in <paramref name="membership"/>: the values a file's counted
    /// events took, counted for one population.
    /// </summary>
    public void AddCoded(ReadOnlySpan<ushort> codes, ReadOnlySpan<ulong> membership, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        if (codes.Length > 0 && membership.Length <= (int)(((long)(codes.Length - 1) * stride) >> 6))
        {
            throw new ArgumentException("The membership bits do not cover the counted events.", nameof(membership));
        }

        var width = BinCount + OffAxisCodes;
        var lanes = ArrayPool<int>.Shared.Rent(Lanes * width);
        try
        {
            Array.Clear(lanes, 0, Lanes * width);

            // Every counted event adds its membership bit to its code's slot: no branch on membership, and four
            // lanes so that successive events in one bin do not wait on each other's increment. A code beyond this
            // binning's slots fails the lane's bounds check rather than counting in a neighbouring lane.
            var lane0 = lanes.AsSpan(0, width);
            var lane1 = lanes.AsSpan(width, width);
            var lane2 = lanes.AsSpan(2 * width, width);
            var lane3 = lanes.AsSpan(3 * width, width);
            ref var words = ref MemoryMarshal.GetReference(membership);
            var j = 0;
            var i = 0;
            for (; j <= codes.Length - Lanes; j += Lanes)
            {
                lane0[codes[j]] += (int)((Unsafe.Add(ref words, i >> 6) >> (i & 63)) & 1);
                i += stride;
                lane1[codes[j + 1]] += (int)((Unsafe.Add(ref words, i >> 6) >> (i & 63)) & 1);
                i += stride;
                lane2[codes[j + 2]] += (int)((Unsafe.Add(ref words, i >> 6) >> (i & 63)) & 1);
                i += stride;
                lane3[codes[j + 3]] += (int)((Unsafe.Add(ref words, i >> 6) >> (i & 63)) & 1);
                i += stride;
            }

            for (; j < codes.Length; j++, i += stride)
            {
                lane0[codes[j]] += (int)((Unsafe.Add(ref words, i >> 6) >> (i & 63)) & 1);
            }

            FlushCodedLanes(lanes, width);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lanes);
        }
    }

    /// <summary>Removes every event, keeping the binning: the histogram is as new.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Below = 0;
        Above = 0;
        NonFinite = 0;
        InRange = 0;
    }

    /// <summary>Adds another histogram's events; exact, and the same in any order.</summary>
    /// <exception cref="ArgumentException">The two histograms do not bin the axis identically.</exception>
    public void Merge(AxisHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!SameBinning(other))
        {
            throw new ArgumentException(
                "histograms over [" + Minimum + ", " + Maximum + ") in " + BinCount + " bins and [" + other.Minimum + ", " +
                other.Maximum + ") in " + other.BinCount + " bins cannot be pooled", nameof(other));
        }

        var counts = _counts;
        var others = other._counts;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += others[i];
        }

        InRange += other.InRange;
        Below += other.Below;
        Above += other.Above;
        NonFinite += other.NonFinite;
    }

    /// <summary>
    /// A histogram written out and read back (a shard's placement summary): the same edges, bins and counts, so it
    /// merges and places exactly like the one that was counted.
    /// </summary>
    public static AxisHistogram Restore(double minimum, double maximum, ReadOnlySpan<long> counts, long below, long above, long nonFinite)
    {
        var histogram = new AxisHistogram(minimum, maximum, counts.Length);
        long inRange = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentException("a histogram count cannot be negative", nameof(counts));
            }

            histogram._counts[i] = counts[i];
            inRange += counts[i];
        }

        histogram.InRange = inRange;
        histogram.Below = below;
        histogram.Above = above;
        histogram.NonFinite = nonFinite;
        return histogram;
    }

    /// <summary>Whether <paramref name="other"/> has the same edges and bin count, so the two can be merged.</summary>
    public bool SameBinning(AxisHistogram other)
        => other.Minimum.Equals(Minimum) && other.Maximum.Equals(Maximum) && other.BinCount == BinCount;

    /// <summary>
    /// The value below which a fraction <paramref name="q"/> of the finite events lie. The histogram's cumulative
    /// count is taken as linear inside each bin (events spread evenly across it), so the result lies within one
    /// <see cref="BinWidth"/> of the exact sample percentile when the events are in range. −∞ when the rank falls
    /// among the events below <see cref="Minimum"/>, +∞ among those above <see cref="Maximum"/>, NaN with no events.
    /// </summary>
    public double Quantile(double q)
    {
        if (q is < 0 or > 1 || double.IsNaN(q))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile lies in [0, 1]");
        }

        if (Total == 0)
        {
            return double.NaN;
        }

        var rank = (q * Total) - Below;
        if (rank < 0)
        {
            return double.NegativeInfinity;
        }

        return PositionOfRank(rank);
    }

    /// <summary>
    /// Like <see cref="Quantile"/> but over the events in the bins only: what the smoothed density sees.
    /// NaN with no events in range.
    /// </summary>
    internal double InRangeQuantile(double q)
        => InRange == 0 ? double.NaN : PositionOfRank(q * InRange);

    /// <summary>Mean and standard deviation of the events in range, each event at its bin's centre.</summary>
    internal (double Mean, double StandardDeviation) InRangeMoments()
    {
        if (InRange == 0)
        {
            return (double.NaN, double.NaN);
        }

        double sum = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            sum += _counts[i] * BinCenter(i);
        }

        var mean = sum / InRange;
        double squares = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            var deviation = BinCenter(i) - mean;
            squares += _counts[i] * deviation * deviation;
        }

        return (mean, InRange > 1 ? Math.Sqrt(squares / (InRange - 1)) : 0);
    }

    private double PositionOfRank(double rank)
    {
        var width = BinWidth;
        for (var i = 0; i < _counts.Length; i++)
        {
            var count = _counts[i];
            if (count > 0 && rank <= count)
            {
                return Minimum + ((i + (rank / count)) * width);
            }

            rank -= count;
        }

        return double.PositiveInfinity;
    }

    // Four interleaved copies of the counts ("lanes"), event i to lane i mod 4: in a peaked distribution successive
    // events often hit the same bin, and one array would make each increment wait for the one before it. Int
    // lanes cannot overflow: a span has fewer than 2³¹ events. Summed into the counts at the end of each call.
    private const int Lanes = 4;

    // Below this many events, clearing and summing the lanes would cost more than they save.
    private const int SmallColumn = 4096;

    // Codes past the bins: below, above, not finite (see Code).
    private const int OffAxisCodes = 3;

    /// <summary>Counts every value at its code (<see cref="Code"/>) in four lanes of <paramref name="width"/> slots.</summary>
    private void CountInLanes(ReadOnlySpan<double> values, int[] lanes, int width)
    {
        var i = 0;
        if (CodeVectors.IsSupported)
        {
            // Four bin indices per instruction; a group with an event off the axis is coded the vector way too. The
            // increments are written out in each branch and the axis held in locals: one codes vector merged from both
            // branches (CodeVectors.Of), or a struct of vectors held across the loop, made the all-on-axis fill 8–12 %
            // slower (PlacementBenchmarks.FillOneMillion, session 15).
            var lowest = Vector256.Create(Minimum);
            var perUnit = Vector256.Create(_binsPerUnit);
            var top = Vector256.Create((double)BinCount);
            for (; i <= values.Length - Lanes; i += Lanes)
            {
                var value = Vector256.Create(values.Slice(i, Lanes));
                var position = Avx.Multiply(Avx.Subtract(value, lowest), perUnit);
                var inside = Avx.And(Avx.CompareGreaterThanOrEqual(position, Vector256<double>.Zero), Avx.CompareLessThan(position, top));
                if (Avx.MoveMask(inside) == 0b1111)
                {
                    var bin = Avx.ConvertToVector128Int32WithTruncation(position);
                    lanes[bin.GetElement(0)]++;
                    lanes[width + bin.GetElement(1)]++;
                    lanes[(2 * width) + bin.GetElement(2)]++;
                    lanes[(3 * width) + bin.GetElement(3)]++;
                }
                else
                {
                    var code = CodeVectors.OffAxis(value, position, inside, Minimum, BinCount);
                    lanes[code.GetElement(0)]++;
                    lanes[width + code.GetElement(1)]++;
                    lanes[(2 * width) + code.GetElement(2)]++;
                    lanes[(3 * width) + code.GetElement(3)]++;
                }
            }
        }

        // The rest, and every event on a machine without AVX: one at a time, still spread over the lanes.
        for (; i < values.Length; i++)
        {
            lanes[((i & 3) * width) + CodeOf(values[i], Minimum, _binsPerUnit, BinCount)]++;
        }
    }

    /// <summary>Adds four lanes of coded counts (<paramref name="width"/> slots each) to the bins and the off-axis counts.</summary>
    private void FlushCodedLanes(int[] lanes, int width)
    {
        FlushLanes(lanes, width);
        var bins = BinCount;
        Below += (long)lanes[bins] + lanes[width + bins] + lanes[(2 * width) + bins] + lanes[(3 * width) + bins];
        Above += (long)lanes[bins + 1] + lanes[width + bins + 1] + lanes[(2 * width) + bins + 1] + lanes[(3 * width) + bins + 1];
        NonFinite += (long)lanes[bins + 2] + lanes[width + bins + 2] + lanes[(2 * width) + bins + 2] + lanes[(3 * width) + bins + 2];
    }

    /// <summary>
    /// The codes of four values at once, by the same operations as <see cref="CodeOf"/>: the bin when the value's
    /// position lies on the axis, else not finite, below or above, tested in that order.
    /// </summary>
    private readonly struct CodeVectors(double minimum, double perUnit, int bins)
    {
        private readonly Vector256<double> _lowest = Vector256.Create(minimum);
        private readonly Vector256<double> _perUnit = Vector256.Create(perUnit);
        private readonly Vector256<double> _top = Vector256.Create((double)bins);

        public static bool IsSupported => Avx.IsSupported && Sse41.IsSupported;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<int> Of(Vector256<double> value)
        {
            var position = Avx.Multiply(Avx.Subtract(value, _lowest), _perUnit);
            var inside = Avx.And(Avx.CompareGreaterThanOrEqual(position, Vector256<double>.Zero), Avx.CompareLessThan(position, _top));
            return Avx.MoveMask(inside) == 0b1111 ? Avx.ConvertToVector128Int32WithTruncation(position) : OffAxis(value, position, inside, minimum, bins);
        }

        /// <summary>Codes of a group with a value off the axis: not finite, below or above, tested in that order.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static Vector128<int> OffAxis(Vector256<double> value, Vector256<double> position, Vector256<double> inside, double minimum, int bins)
        {
            var finite = Avx.CompareLessThan(Vector256.Abs(value), Vector256.Create(double.PositiveInfinity));
            var side = Avx.BlendVariable(Vector256.Create((double)bins + 1), Vector256.Create((double)bins), Avx.CompareLessThan(value, Vector256.Create(minimum)));
            return Avx.ConvertToVector128Int32WithTruncation(Avx.BlendVariable(Avx.BlendVariable(Vector256.Create((double)bins + 2), side, finite), position, inside));
        }
    }

    /// <summary>Adds the bins of four lanes, each <paramref name="width"/> slots apart, to the counts.</summary>
    private void FlushLanes(int[] lanes, int width)
    {
        var counts = _counts;
        var bins = BinCount;
        long added = 0;
        for (var b = 0; b < bins; b++)
        {
            long sum = (long)lanes[b] + lanes[width + b] + lanes[(2 * width) + b] + lanes[(3 * width) + b];
            counts[b] += sum;
            added += sum;
        }

        InRange += added;
    }

    /// <summary>
    /// The one rule for where a value counts (see the class remarks): its bin when ⌊(v − minimum)·perUnit⌋ lies on the
    /// axis, else bins + 2 when it is not finite, bins when it lies below the minimum, bins + 1 above.
    /// </summary>
    private static int CodeOf(double value, double minimum, double perUnit, int bins)
    {
        var position = (value - minimum) * perUnit;
        if (position >= 0 && position < bins)
        {
            return (int)position;
        }

        if (!double.IsFinite(value))
        {
            return bins + 2;
        }

        return value < minimum ? bins : bins + 1;
    }
}
