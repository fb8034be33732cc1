namespace CytoViability.Core.Statistics;

/// <summary>
/// The scale a channel is displayed on (logicle, asinh, log…). Statistics only need the two directions, so the
/// run adapts whatever transform the gating template uses instead of this folder depending on the gating model.
/// </summary>
internal interface IDisplayTransform
{
    double Forward(double value);

    double Inverse(double transformed);
}
