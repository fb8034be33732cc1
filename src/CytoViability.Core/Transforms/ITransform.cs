namespace CytoViability.Core.Transforms;

/// <summary>
/// A one-dimensional scale transform (Gating-ML 2.0 §6): <see cref="Forward"/> maps a compensated scale value to the
/// display/gating axis, <see cref="Inverse"/> maps back. Gates written on a transformed axis compare against
/// <see cref="Forward"/> values, so the span versions must give the same result as the scalar ones, event by event.
/// </summary>
internal interface ITransform
{
    /// <summary>Data value to transformed value.</summary>
    double Forward(double value);

    /// <summary>Transformed value back to the data value.</summary>
    double Inverse(double transformed);

    /// <summary>Forward over a column; <paramref name="destination"/> may be the same memory as <paramref name="values"/>.</summary>
    void Forward(ReadOnlySpan<double> values, Span<double> destination)
    {
        TransformGuard.SameLength(values.Length, destination.Length);
        for (var i = 0; i < values.Length; i++)
        {
            destination[i] = Forward(values[i]);
        }
    }

    /// <summary>Inverse over a column; <paramref name="destination"/> may be the same memory as <paramref name="transformed"/>.</summary>
    void Inverse(ReadOnlySpan<double> transformed, Span<double> destination)
    {
        TransformGuard.SameLength(transformed.Length, destination.Length);
        for (var i = 0; i < transformed.Length; i++)
        {
            destination[i] = Inverse(transformed[i]);
        }
    }
}
