using ScottPlot;

namespace CytoViability.Reports.Plots;

/// <summary>
/// Pseudo-colour for event density, blue (few) through green and yellow to red (many), as flow software shows it:
/// the middle of the Turbo map, leaving out its near-black ends so no density is mistaken for a gate outline.
/// </summary>
internal sealed class DensityColormap : IColormap
{
    private const double Start = 0.15;
    private const double Width = 0.8;
    private static readonly ScottPlot.Colormaps.Turbo Turbo = new();

    public string Name => "density";

    public Color GetColor(double position) => Turbo.GetColor(Start + (Width * Math.Clamp(position, 0, 1)));
}
