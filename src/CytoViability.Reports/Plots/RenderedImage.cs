namespace CytoViability.Reports.Plots;

/// <summary>One figure in both formats the report writes: PNG bytes (inlined in report.html) and SVG text.</summary>
public sealed record RenderedImage(byte[] Png, string Svg, int Width, int Height);
