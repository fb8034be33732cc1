namespace CytoViability.Core.Statistics;

/// <summary>
/// The scale a channel is displayed on (logicle, asinh, log…). Statistics only need the two directions, so the
/// run adapts whatever transform the gating template uses instead of this folder depending on the gating model.
/// </summary>
internal interface IDisplayTransform
{
    double Forward(double value);

    double Inverse(double transformed);

    /// <summary>
    /// <see cref="Forward(double)"/> of each value, equal to it event by event; <paramref name="destination"/> may be
    /// the same memory as <paramref name="values"/>. A scale with a column version (the template's transforms) does
    /// four events per step where one call per event cannot.
    /// </summary>
    void Forward(ReadOnlySpan<double> values, Span<double> destination)
    {
        for (var i = 0; i < values.Length; i++)
        {
            destination[i] = Forward(values[i]);
        }
    }
}
