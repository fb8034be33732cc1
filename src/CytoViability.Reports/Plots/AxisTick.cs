namespace CytoViability.Reports.Plots;

/// <summary>A tick at <paramref name="Position"/> on the plotted (transformed) scale; a null label makes it a minor tick.</summary>
internal readonly record struct AxisTick(double Position, string? Label);
