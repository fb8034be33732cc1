using System.Globalization;
using System.Text;
using CytoViability.Core.Transforms;

namespace CytoViability.Reports.Plots;

/// <summary>
/// Tick marks that read in data units on any axis: decades (0, ±10ⁿ, with minor ticks at 2–9 × 10ⁿ) on log-like
/// scales, round numbers (50K, 100K) on linear ones. Positions are on the plotted scale, found with the axis's own
/// transform, so a tick labelled 10³ sits exactly where an event of value 1000 is drawn.
/// </summary>
internal static class AxisTicks
{
    /// <summary>Labels closer than this fraction of the axis would overlap; the crowded one becomes a minor tick.</summary>
    private const double MinimumLabelSpacing = 0.075;

    public static IReadOnlyList<AxisTick> Decades(ITransform transform, double minimum, double maximum)
    {
        var low = transform.Inverse(minimum);
        var high = transform.Inverse(maximum);
        var candidates = new List<(double Value, bool Major)>();
        if (double.IsFinite(high) && high > 0)
        {
            var top = (int)Math.Ceiling(Math.Log10(high));
            var bottom = low > 0 ? (int)Math.Floor(Math.Log10(low)) : 0;
            AddDecades(candidates, bottom, top, 1);
        }

        if (double.IsFinite(low) && low < 0)
        {
            candidates.Add((0, true));
            AddDecades(candidates, 1, (int)Math.Ceiling(Math.Log10(-low)), -1);
        }

        // Zero first, then decades from the middle of the scale outwards, so crowding removes the outer labels.
        candidates.Sort(MiddleOutwards);
        return Place(candidates, transform.Forward, minimum, maximum, DecadeLabel);
    }

    /// <summary>Round-number ticks for a linear scale; <paramref name="forward"/> maps data to plotted units.</summary>
    public static IReadOnlyList<AxisTick> Linear(Func<double, double> forward, double dataLow, double dataHigh)
    {
        var step = NiceStep((dataHigh - dataLow) / 6);
        var candidates = new List<(double Value, bool Major)>();
        for (var value = Math.Ceiling(dataLow / step) * step; value <= dataHigh + (step * 1e-9); value += step)
        {
            candidates.Add((Math.Abs(value) < step * 1e-9 ? 0 : value, true));
        }

        var low = forward(dataLow);
        var high = forward(dataHigh);
        return Place(candidates, forward, Math.Min(low, high), Math.Max(low, high), value => LinearLabel(value, step));
    }

    /// <summary>Major before minor; nearer zero first; at equal distance the positive one first.</summary>
    private static int MiddleOutwards((double Value, bool Major) a, (double Value, bool Major) b)
    {
        if (a.Major != b.Major)
        {
            return a.Major ? -1 : 1;
        }

        var byDistance = Math.Abs(a.Value).CompareTo(Math.Abs(b.Value));
        return byDistance != 0 ? byDistance : b.Value.CompareTo(a.Value);
    }

    private static void AddDecades(List<(double Value, bool Major)> candidates, int bottom, int top, int sign)
    {
        for (var exponent = bottom; exponent <= top; exponent++)
        {
            var decade = Math.Pow(10, exponent);
            candidates.Add((sign * decade, true));
            if (exponent < top)
            {
                for (var multiple = 2; multiple <= 9; multiple++)
                {
                    candidates.Add((sign * multiple * decade, false));
                }
            }
        }
    }

    private static List<AxisTick> Place(List<(double Value, bool Major)> candidates, Func<double, double> forward, double minimum, double maximum, Func<double, string> label)
    {
        var span = maximum - minimum;
        var labelled = new List<double>();
        var ticks = new List<AxisTick>();
        foreach (var (value, major) in candidates)
        {
            var position = forward(value);
            if (!double.IsFinite(position) || position < minimum - (span * 1e-9) || position > maximum + (span * 1e-9))
            {
                continue;
            }

            var free = major && labelled.TrueForAll(other => Math.Abs(other - position) >= MinimumLabelSpacing * span);
            if (free)
            {
                labelled.Add(position);
            }

            ticks.Add(new AxisTick(position, free ? label(value) : null));
        }

        ticks.Sort((a, b) => a.Position.CompareTo(b.Position));
        return ticks;
    }

    internal static string DecadeLabel(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var exponent = (int)Math.Round(Math.Log10(Math.Abs(value)));
        var text = new StringBuilder(value < 0 ? "−10" : "10");
        foreach (var digit in exponent.ToString(CultureInfo.InvariantCulture))
        {
            text.Append(digit switch
            {
                '-' => '⁻',
                '0' => '⁰',
                '1' => '¹',
                '2' => '²',
                '3' => '³',
                _ => (char)('⁴' + (digit - '4')),
            });
        }

        return text.ToString();
    }

    private static string LinearLabel(double value, double step)
    {
        if (value == 0)
        {
            return "0";
        }

        // Scatter channels run to 262,144: "50K" is how acquisition software labels them.
        return step >= 1000 && Math.Abs(value) >= 1000
            ? (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "K"
            : value.ToString("G4", CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * magnitude;
    }
}
