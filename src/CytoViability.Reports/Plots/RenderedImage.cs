namespace CytoViability.Reports.Plots;

/// <summary>
/// One figure in the formats the report writes: PNG bytes, and SVG text for the charts a lab puts in a paper (null
/// for gate plots: drawing thousands of them twice would double the report's time).
/// </summary>
internal sealed record RenderedImage(byte[] Png, string? Svg, int Width, int Height);
