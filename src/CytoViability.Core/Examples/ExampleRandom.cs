namespace CytoViability.Core.Examples;

/// <summary>
/// xoshiro256** seeded through SplitMix64, with normal deviates by Marsaglia's polar method: a fixed,
/// documented algorithm (unlike System.Random, whose algorithm may change between .NET versions), so a seed
/// names the same example data forever.
/// </summary>
internal sealed class ExampleRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    public ExampleRandom(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>Derives an independent stream seed from a parent seed and a path of indices.</summary>
    public static ulong DeriveSeed(ulong seed, params ReadOnlySpan<int> path)
    {
        var state = seed;
        var mixed = SplitMix64(ref state);
        foreach (var index in path)
        {
            state = mixed ^ (0x9E3779B97F4A7C15UL * (ulong)(uint)(index + 1));
            mixed = SplitMix64(ref state);
        }

        return mixed;
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform in (0, 1], safe for a logarithm.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 1) * (1.0 / 9007199254740992.0);

    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        var factor = Math.Sqrt(-2.0 * ExactMath.Ln(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    public double NextNormal(double mean, double sd) => mean + (sd * NextNormal());

    /// <summary>Log-normal with the given median and standard deviation of ln x.</summary>
    public double NextLogNormal(double median, double sigma) => median * ExactMath.Exp(sigma * NextNormal());

    public double NextExponential(double mean) => -mean * ExactMath.Ln(NextOpenDouble());

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
