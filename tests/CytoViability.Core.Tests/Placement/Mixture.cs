using CytoViability.Core.Examples;
using CytoViability.Core.Placement;

namespace CytoViability.Core.Tests.Placement;

/// <summary>One normal population on the transformed axis: its share of the events, mean and SD.</summary>
internal readonly record struct Component(double Weight, double Mean, double Sd);

/// <summary>
/// A mixture of normal populations on the transformed axis with its exact density, the independent truth the
/// placement methods are checked against: samples are drawn from it, true valleys and modes are found by dense
/// evaluation of its density function.
/// </summary>
internal sealed class Mixture(params Component[] components)
{
    public const int Bins = 1024;
    public const double BinWidth = 1.0 / Bins;

    public IReadOnlyList<Component> Components => components;

    /// <summary><paramref name="n"/> events, each component exactly its share (rounded), in shuffled order.</summary>
    public double[] Sample(int n, ulong seed)
    {
        var random = new ExampleRandom(seed);
        var values = new double[n];
        var at = 0;
        for (var c = 0; c < components.Length; c++)
        {
            var count = c == components.Length - 1 ? n - at : (int)Math.Round(components[c].Weight * n);
            for (var i = 0; i < count; i++)
            {
                values[at++] = components[c].Mean + (components[c].Sd * random.NextNormal());
            }
        }

        for (var i = n - 1; i > 0; i--)
        {
            var j = (int)(random.NextDouble() * (i + 1));
            (values[i], values[j]) = (values[j], values[i]);
        }

        return values;
    }

    /// <summary>A 1,024-bin histogram over [0, 1) of a sample.</summary>
    public AxisHistogram Histogram(int n, ulong seed) => Of(Sample(n, seed));

    public static AxisHistogram Of(ReadOnlySpan<double> values)
    {
        var histogram = new AxisHistogram(0, 1, Bins);
        histogram.Add(values);
        return histogram;
    }

    /// <summary>The mixture's density at <paramref name="x"/>.</summary>
    public double Pdf(double x)
    {
        double sum = 0;
        foreach (var c in components)
        {
            var z = (x - c.Mean) / c.Sd;
            sum += c.Weight * Math.Exp(-0.5 * z * z) / (c.Sd * Math.Sqrt(2 * Math.PI));
        }

        return sum;
    }

    /// <summary>The fraction of the mixture's events below <paramref name="x"/>, by Simpson's rule on each normal density.</summary>
    public double FractionBelow(double x)
    {
        double sum = 0;
        foreach (var c in components)
        {
            sum += c.Weight * StandardNormalBelow((x - c.Mean) / c.Sd);
        }

        return sum;
    }

    /// <summary>Where the density is lowest between <paramref name="from"/> and <paramref name="to"/>, to 10⁻⁶.</summary>
    public double LowestBetween(double from, double to) => Extremum(from, to, lowest: true);

    /// <summary>Where the density is highest between <paramref name="from"/> and <paramref name="to"/>, to 10⁻⁶.</summary>
    public double HighestBetween(double from, double to) => Extremum(from, to, lowest: false);

    /// <summary>The density smoothed by a Gaussian kernel of SD <paramref name="bandwidth"/>: each SD widened in quadrature.</summary>
    public Mixture Smoothed(double bandwidth)
    {
        var wider = new Component[components.Length];
        for (var c = 0; c < components.Length; c++)
        {
            wider[c] = components[c] with { Sd = Math.Sqrt((components[c].Sd * components[c].Sd) + (bandwidth * bandwidth)) };
        }

        return new Mixture(wider);
    }

    private static double StandardNormalBelow(double z)
    {
        // Φ(z) = ∫ φ from −12 (where the mass left out is below 10⁻³²) to z; 200,000 Simpson steps: error below 10⁻¹².
        const double from = -12;
        if (z <= from)
        {
            return 0;
        }

        const int steps = 200_000;
        var h = (z - from) / steps;
        var sum = Phi(from) + Phi(z);
        for (var i = 1; i < steps; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Phi(from + (i * h));
        }

        return sum * h / 3;

        static double Phi(double t) => Math.Exp(-0.5 * t * t) / Math.Sqrt(2 * Math.PI);
    }

    private double Extremum(double from, double to, bool lowest)
    {
        var best = from;
        var bestValue = Pdf(from);
        for (var x = from; x <= to; x += 1e-6)
        {
            var value = Pdf(x);
            if (lowest ? value < bestValue : value > bestValue)
            {
                best = x;
                bestValue = value;
            }
        }

        return best;
    }
}
