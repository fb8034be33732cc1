namespace CytoViability.Reports.Plots;

/// <summary>
/// One axis of a gate plot, on the scale the gate is drawn in (a transformed channel runs 0–1), with ticks placed
/// where data values such as 10³ fall, so the labels read in data units.
/// </summary>
internal sealed record PlotAxis(string Label, double Minimum, double Maximum, IReadOnlyList<AxisTick> Ticks);
