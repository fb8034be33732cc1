using System.Diagnostics.CodeAnalysis;

namespace CytoViability.Core.Transforms;

/// <summary>Argument checks shared by the transforms; the throws live here so the hot loops stay small.</summary>
internal static class TransformGuard
{
    public static void SameLength(int source, int destination)
    {
        if (source != destination)
        {
            ThrowLengthMismatch(source, destination);
        }
    }

    public static void Positive(double value, string name, string transform)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            ThrowInvalid(transform, name + " must be a positive finite number, not " + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static void NonNegative(double value, string name, string transform)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            ThrowInvalid(transform, name + " must be zero or a positive finite number, not " + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [DoesNotReturn]
    public static void ThrowInvalid(string transform, string message) =>
        throw new ArgumentException(transform + ": " + message);

    [DoesNotReturn]
    private static void ThrowLengthMismatch(int source, int destination) =>
        throw new ArgumentException("destination holds " + destination + " values but the source has " + source);
}
