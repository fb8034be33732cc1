namespace CytoViability.Reports.Plots;

/// <summary>
/// What one gate plot shows: the parent population's events binned on the gate's axes (<see cref="Y"/> null: a
/// histogram of <see cref="X"/>), and the gate's populations outlined with their percentages of the parent.
/// </summary>
internal sealed record GatePlot(string Gate, string Parent, PlotAxis X, PlotAxis? Y, DensityGrid Density, long ParentCount, IReadOnlyList<GateOutline> Outlines);
