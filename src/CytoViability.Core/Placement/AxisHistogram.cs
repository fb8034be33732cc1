using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CytoViability.Core.Gating;

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
        var position = (value - Minimum) * _binsPerUnit;
        if (position >= 0 && position < BinCount)
        {
            _counts[(int)position]++;
            InRange++;
        }
        else
        {
            AddOutside(value);
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

        var lanes = RentLanes();
        try
        {
            CountInLanes(values, lanes);
            FlushLanes(lanes);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lanes);
        }
    }

    /// <summary>Counts the events of a column that are members of a population.</summary>
    public void Add(ReadOnlySpan<double> values, Bitset members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Length != values.Length)
        {
            throw new ArgumentException("a population over " + members.Length + " events cannot select from a column of " + values.Length, nameof(members));
        }

        Add(values, members.Words);
    }

    /// <summary>
    /// Counts the events of a column whose bit is set in <paramref name="membership"/> (event i at bit i &amp; 63 of
    /// word i / 64, as in <see cref="Bitset.Words"/>); bits past the end of the column are ignored.
    /// </summary>
    public void Add(ReadOnlySpan<double> values, ReadOnlySpan<ulong> membership)
    {
        if (values.Length < SmallColumn)
        {
            for (var index = 0; index < values.Length && (index >> 6) < membership.Length; index++)
            {
                if ((membership[index >> 6] & (1UL << index)) != 0)
                {
                    Add(values[index]);
                }
            }

            return;
        }

        var lanes = RentLanes();
        try
        {
            var words = Math.Min(membership.Length, (values.Length + 63) >> 6);
            for (var w = 0; w < words; w++)
            {
                var bits = membership[w];
                var first = w << 6;
                if (Avx.IsSupported && first + 64 <= values.Length && BitOperations.PopCount(bits) >= DenseWord)
                {
                    // Most events of a word are members (a scatter gate passes most cells): count all 64 the
                    // vector way, each adding its membership bit, rather than walking the bits one by one.
                    CountWordInLanes(values.Slice(first, 64), bits, lanes);
                    continue;
                }

                while (bits != 0)
                {
                    var index = first + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    if (index >= values.Length)
                    {
                        break;
                    }

                    CountOne(values[index], lanes, (index & 3) * BinCount);
                }
            }

            FlushLanes(lanes);
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

    private int[] RentLanes()
    {
        var lanes = ArrayPool<int>.Shared.Rent(Lanes * BinCount);
        Array.Clear(lanes, 0, Lanes * BinCount);
        return lanes;
    }

    private void CountInLanes(ReadOnlySpan<double> values, int[] lanes)
    {
        var minimum = Minimum;
        var scale = _binsPerUnit;
        var binCount = BinCount;
        double bins = binCount;
        var i = 0;
        if (Avx.IsSupported)
        {
            // Four bin indices per instruction; a group with any event off the axis goes the scalar way.
            var lowest = Vector256.Create(minimum);
            var perUnit = Vector256.Create(scale);
            var top = Vector256.Create(bins);
            for (; i <= values.Length - Lanes; i += Lanes)
            {
                var position = Avx.Multiply(Avx.Subtract(Vector256.Create(values.Slice(i, Lanes)), lowest), perUnit);
                var inside = Avx.And(Avx.CompareGreaterThanOrEqual(position, Vector256<double>.Zero), Avx.CompareLessThan(position, top));
                if (Avx.MoveMask(inside) == 0b1111)
                {
                    var bin = Avx.ConvertToVector128Int32WithTruncation(position);
                    lanes[bin.GetElement(0)]++;
                    lanes[binCount + bin.GetElement(1)]++;
                    lanes[(2 * binCount) + bin.GetElement(2)]++;
                    lanes[(3 * binCount) + bin.GetElement(3)]++;
                }
                else
                {
                    for (var k = 0; k < Lanes; k++)
                    {
                        CountOne(values[i + k], lanes, k * binCount);
                    }
                }
            }
        }

        // The rest, and every event on a machine without AVX: one at a time, still spread over the lanes.
        for (; i < values.Length; i++)
        {
            CountOne(values[i], lanes, (i & 3) * binCount);
        }
    }

    // Members in a 64-event word from which counting all 64 with their bits beats walking the bits.
    private const int DenseWord = 16;

    private void CountWordInLanes(ReadOnlySpan<double> values, ulong members, int[] lanes)
    {
        var binCount = BinCount;
        var lowest = Vector256.Create(Minimum);
        var perUnit = Vector256.Create(_binsPerUnit);
        var top = Vector256.Create((double)binCount);
        for (var i = 0; i < 64; i += Lanes)
        {
            var bits = (int)(members >> i);
            var position = Avx.Multiply(Avx.Subtract(Vector256.Create(values.Slice(i, Lanes)), lowest), perUnit);
            var inside = Avx.And(Avx.CompareGreaterThanOrEqual(position, Vector256<double>.Zero), Avx.CompareLessThan(position, top));
            if (Avx.MoveMask(inside) == 0b1111)
            {
                var bin = Avx.ConvertToVector128Int32WithTruncation(position);
                lanes[bin.GetElement(0)] += bits & 1;
                lanes[binCount + bin.GetElement(1)] += (bits >> 1) & 1;
                lanes[(2 * binCount) + bin.GetElement(2)] += (bits >> 2) & 1;
                lanes[(3 * binCount) + bin.GetElement(3)] += (bits >> 3) & 1;
            }
            else
            {
                for (var k = 0; k < Lanes; k++)
                {
                    if (((bits >> k) & 1) != 0)
                    {
                        CountOne(values[i + k], lanes, k * binCount);
                    }
                }
            }
        }
    }

    private void CountOne(double value, int[] lanes, int lane)
    {
        var position = (value - Minimum) * _binsPerUnit;
        if (position >= 0 && position < BinCount)
        {
            lanes[lane + (int)position]++;
        }
        else
        {
            AddOutside(value);
        }
    }

    private void FlushLanes(int[] lanes)
    {
        var counts = _counts;
        var bins = BinCount;
        long added = 0;
        for (var b = 0; b < bins; b++)
        {
            long sum = (long)lanes[b] + lanes[bins + b] + lanes[(2 * bins) + b] + lanes[(3 * bins) + b];
            counts[b] += sum;
            added += sum;
        }

        InRange += added;
    }

    private void AddOutside(double value)
    {
        if (!double.IsFinite(value))
        {
            NonFinite++;
        }
        else if (value < Minimum)
        {
            Below++;
        }
        else
        {
            Above++;
        }
    }
}
