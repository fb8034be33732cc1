using CytoViability.Core.Statistics;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Templates;

/// <summary>A template transform as the display scale of a channel's statistics, column version included.</summary>
internal sealed class TemplateDisplay(ITransform transform) : IDisplayTransform
{
    public double Forward(double value) => transform.Forward(value);

    public double Inverse(double transformed) => transform.Inverse(transformed);

    public void Forward(ReadOnlySpan<double> values, Span<double> destination) => transform.Forward(values, destination);
}
