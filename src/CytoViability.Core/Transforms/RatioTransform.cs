using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CytoViability.Core.Transforms;

/// <summary>
/// Gating-ML <c>fratio</c>: a derived dimension A·(x1 − B)/(x2 − C) of two compensated channels (not a
/// one-channel <see cref="ITransform"/>). A zero denominator gives ±∞ or NaN, which no gate takes.
/// </summary>
internal sealed record RatioTransform(string Numerator, string Denominator, double A, double B, double C)
{
    /// <summary>The ratio for one event.</summary>
    public double Apply(double numerator, double denominator) => A * (numerator - B) / (denominator - C);

    /// <summary>The ratio for every event of two columns.</summary>
    public void Apply(ReadOnlySpan<double> numerators, ReadOnlySpan<double> denominators, Span<double> destination)
    {
        TransformGuard.SameLength(numerators.Length, destination.Length);
        TransformGuard.SameLength(denominators.Length, destination.Length);
        var a = A;
        var b = B;
        var c = C;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four events per step with the same three operations in the same order (IEEE-754 rounds each lane
            // as it rounds the scalar), so every event's ratio equals Apply(numerator, denominator).
            var aLanes = Vector256.Create(a);
            var bLanes = Vector256.Create(b);
            var cLanes = Vector256.Create(c);
            ref var numerator = ref MemoryMarshal.GetReference(numerators);
            ref var denominator = ref MemoryMarshal.GetReference(denominators);
            ref var target = ref MemoryMarshal.GetReference(destination);
            for (; i <= destination.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x1 = Vector256.LoadUnsafe(ref numerator, (nuint)i);
                var x2 = Vector256.LoadUnsafe(ref denominator, (nuint)i);
                (aLanes * (x1 - bLanes) / (x2 - cLanes)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = a * (numerators[i] - b) / (denominators[i] - c);
        }
    }
}
