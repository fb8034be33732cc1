using System.Buffers;
using System.Numerics;

namespace CytoViability.Core.Placement;

/// <summary>
/// Gaussian kernel density of a histogram's in-range events, evaluated at the bin centres: what every density-based
/// placement method (valley, tail, main cluster, boundary QC) reads. Binned smoothing (each bin's count spread by a
/// Gaussian of the bandwidth) differs from the event-by-event estimate by less than a bin width, costs a few
/// microseconds for 1,024 bins, and depends only on the counts, so pooled histograms give identical densities
/// whatever the order they were merged in.
/// </summary>
internal sealed class SmoothedDensity
{
    /// <summary>
    /// How far a mode must stand above the saddle that links it to higher ground, in standard errors of the
    /// density estimate, to count as a population rather than counting noise (see <see cref="Modes"/>).
    /// </summary>
    public const double ModeSignificance = 4;

    // ∫K² of the standard Gaussian kernel, 1/(2√π): the variance of a kernel estimate is f(x)·R(K)/(n·h).
    private const double KernelRoughness = 0.28209479177387814;

    // The kernel is cut at 4 bandwidths, where it has fallen to 0.03 % of its peak.
    private const double KernelReach = 4;

    private readonly double[] _values;

    private SmoothedDensity(AxisHistogram histogram, double bandwidth, double[] values)
    {
        Histogram = histogram;
        Bandwidth = bandwidth;
        _values = values;
    }

    /// <summary>The histogram smoothed.</summary>
    public AxisHistogram Histogram { get; }

    /// <summary>Standard deviation of the Gaussian kernel, on the transformed axis.</summary>
    public double Bandwidth { get; }

    /// <summary>Density at each bin centre, per unit of the transformed axis, integrating to about 1 over the range.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>
    /// The density of <paramref name="histogram"/> smoothed with <paramref name="bandwidth"/>, or with
    /// <see cref="SilvermanBandwidth"/> when none is given. A bandwidth narrower than one bin is widened to one bin.
    /// With <paramref name="into"/> (one value per bin) the density is written there, over whatever it held, and
    /// lives as long as the caller keeps that array for it.
    /// </summary>
    public static SmoothedDensity Of(AxisHistogram histogram, double? bandwidth, double[]? into = null)
    {
        if (into is not null && into.Length != histogram.BinCount)
        {
            throw new ArgumentException("a density has one value per bin: " + histogram.BinCount + ", not " + into.Length, nameof(into));
        }

        if (bandwidth is { } given && (!double.IsFinite(given) || given <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidth), given, "a smoothing bandwidth is a positive width on the transformed axis");
        }

        var width = histogram.BinWidth;
        var h = Math.Max(bandwidth ?? SilvermanBandwidth(histogram), width);
        var values = into ?? new double[histogram.BinCount];
        if (into is not null)
        {
            Array.Clear(into);
        }

        if (histogram.InRange == 0)
        {
            return new SmoothedDensity(histogram, h, values);
        }

        // Kernel weights on the bin grid, normalised to sum 1 so a narrow kernel keeps every event's full weight.
        var sigmaBins = h / width;
        var reach = (int)Math.Min(Math.Ceiling(KernelReach * sigmaBins), histogram.BinCount - 1);
        var rented = ArrayPool<double>.Shared.Rent((2 * reach) + 1);
        try
        {
            var kernel = rented.AsSpan(0, (2 * reach) + 1);
            double sum = 0;
            for (var k = -reach; k <= reach; k++)
            {
                var z = k / sigmaBins;
                kernel[k + reach] = Math.Exp(-0.5 * z * z);
                sum += kernel[k + reach];
            }

            var scale = 1 / (sum * histogram.InRange * width);
            var counts = histogram.Counts;
            for (var bin = 0; bin < counts.Length; bin++)
            {
                if (counts[bin] == 0)
                {
                    continue;
                }

                var first = Math.Max(0, bin - reach);
                var last = Math.Min(values.Length - 1, bin + reach);
                AddScaled(values.AsSpan(first, last - first + 1), kernel.Slice(first - bin + reach, last - first + 1), counts[bin] * scale);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }

        return new SmoothedDensity(histogram, h, values);
    }

    /// <summary>
    /// Silverman's rule of thumb, 0.9·min(SD, IQR/1.34)·n^(−1/5), from the binned in-range events: the default of
    /// R's density() (bw.nrd0), which openCyto's mindensity and flowDensity's deGate smooth with. Falls back to
    /// the larger spread measure when the other is zero, and to one bin width when both are.
    /// </summary>
    public static double SilvermanBandwidth(AxisHistogram histogram)
    {
        var n = histogram.InRange;
        if (n < 2)
        {
            return histogram.BinWidth;
        }

        var (_, sd) = histogram.InRangeMoments();
        var iqr = (histogram.InRangeQuantile(0.75) - histogram.InRangeQuantile(0.25)) / 1.34;
        var spread = Math.Min(sd, iqr);
        if (!(spread > 0))
        {
            spread = Math.Max(sd, iqr);
        }

        return spread > 0 ? 0.9 * spread * Math.Pow(n, -0.2) : histogram.BinWidth;
    }

    /// <summary>Density at a position, linear between bin centres; NaN outside the histogram's range.</summary>
    public double ValueAt(double position)
    {
        var histogram = Histogram;
        if (!(position >= histogram.Minimum && position <= histogram.Maximum))
        {
            return double.NaN;
        }

        var at = ((position - histogram.Minimum) / histogram.BinWidth) - 0.5;
        if (at <= 0)
        {
            return _values[0];
        }

        var below = (int)at;
        if (below >= _values.Length - 1)
        {
            return _values[^1];
        }

        var fraction = at - below;
        return _values[below] + (fraction * (_values[below + 1] - _values[below]));
    }

    /// <summary>Bins whose centres lie in [<paramref name="minimum"/>, <paramref name="maximum"/>] (null = no limit).</summary>
    public (int First, int Last) BinsWithin(double? minimum, double? maximum)
    {
        var histogram = Histogram;
        var first = 0;
        var last = histogram.BinCount - 1;
        if (minimum is { } low)
        {
            first = (int)Math.Clamp(Math.Ceiling(((low - histogram.Minimum) / histogram.BinWidth) - 0.5), 0, histogram.BinCount);
        }

        if (maximum is { } high)
        {
            last = (int)Math.Clamp(Math.Floor(((high - histogram.Minimum) / histogram.BinWidth) - 0.5), -1, histogram.BinCount - 1);
        }

        return (first, last);
    }

    /// <summary>
    /// The modes between bins <paramref name="first"/> and <paramref name="last"/>, highest first. A mode is a local
    /// maximum of the whole density (a plateau counts once, at its middle) whose prominence, the drop to the lowest
    /// point on the way to higher ground inside the range, exceeds <see cref="ModeSignificance"/> standard errors
    /// of that difference, √((f_peak + f_saddle)·R(K)/(n·h)). That keeps a 4 % positive population, which stands
    /// far above the valley next to it, and drops the ripples the kernel leaves in a sparse tail, which any
    /// fixed height cut-off would either keep or confuse with a small population. The highest mode always counts.
    /// </summary>
    public List<DensityMode> Modes(int first, int last)
    {
        var modes = new List<DensityMode>();
        var v = _values;
        var i = first;
        while (i <= last)
        {
            if (i > 0 && !(v[i] > v[i - 1]))
            {
                i++;
                continue;
            }

            // Rising into i (or i is the first bin): walk the plateau, a mode when it then falls or the axis ends.
            var end = i;
            while (end + 1 < v.Length && v[end + 1] == v[i])
            {
                end++;
            }

            if ((end + 1 == v.Length || v[end + 1] < v[i]) && v[i] > 0)
            {
                var bin = (i + end) / 2;
                if (bin <= last)
                {
                    modes.Add(new DensityMode(bin, Position(bin), v[bin], Prominence(bin, first, last)));
                }
            }

            i = end + 1;
        }

        modes.Sort((a, b) => b.Height.CompareTo(a.Height));
        var kept = new List<DensityMode>(modes.Count);
        for (var m = 0; m < modes.Count; m++)
        {
            var mode = modes[m];
            var saddle = mode.Height - mode.Prominence;
            if (m == 0 || mode.Prominence > ModeSignificance * StandardError(mode.Height, saddle))
            {
                kept.Add(mode);
            }
        }

        return kept;
    }

    /// <summary>Standard error of the difference between the density estimates at two well-separated points.</summary>
    public double StandardError(double a, double b)
        => Math.Sqrt((a + b) * KernelRoughness / (Histogram.InRange * Bandwidth));

    /// <summary>The lowest bin strictly between two bins (the first of equals).</summary>
    public int LowestBetween(int a, int b)
    {
        var (from, to) = a < b ? (a, b) : (b, a);
        var lowest = from + 1;
        for (var i = from + 2; i < to; i++)
        {
            if (_values[i] < _values[lowest])
            {
                lowest = i;
            }
        }

        return lowest;
    }

    /// <summary>
    /// The position of an extremum at <paramref name="bin"/>, refined inside the bin by the parabola through it and
    /// its two neighbours (at most half a bin either way).
    /// </summary>
    public double Position(int bin)
    {
        var centre = Histogram.BinCenter(bin);
        if (bin == 0 || bin == _values.Length - 1)
        {
            return centre;
        }

        var left = _values[bin - 1];
        var middle = _values[bin];
        var right = _values[bin + 1];
        var curvature = left - (2 * middle) + right;
        if (curvature == 0)
        {
            return centre;
        }

        var offset = Math.Clamp(0.5 * (left - right) / curvature, -0.5, 0.5);
        return centre + (offset * Histogram.BinWidth);
    }

    private double Prominence(int bin, int first, int last)
    {
        var v = _values;
        var height = v[bin];
        double? saddle = null;
        var lowest = height;
        for (var i = bin - 1; i >= first; i--)
        {
            if (v[i] > height)
            {
                saddle = lowest;
                break;
            }

            lowest = Math.Min(lowest, v[i]);
        }

        lowest = height;
        for (var i = bin + 1; i <= last; i++)
        {
            if (v[i] > height)
            {
                saddle = saddle is { } other ? Math.Max(other, lowest) : lowest;
                break;
            }

            lowest = Math.Min(lowest, v[i]);
        }

        return height - (saddle ?? 0);
    }

    private static void AddScaled(Span<double> destination, ReadOnlySpan<double> source, double factor)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && destination.Length >= Vector<double>.Count)
        {
            var f = new Vector<double>(factor);
            for (; i <= destination.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var d = new Vector<double>(destination[i..]);
                (d + (new Vector<double>(source[i..]) * f)).CopyTo(destination[i..]);
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] += source[i] * factor;
        }
    }
}

/// <summary>A mode of a smoothed density: its bin, refined position, height and prominence (per unit axis).</summary>
internal readonly record struct DensityMode(int Bin, double Position, double Height, double Prominence);
