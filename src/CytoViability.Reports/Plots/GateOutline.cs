namespace CytoViability.Reports.Plots;

/// <summary>
/// One population's region on a gate plot: a closed outline in plotted units (on a histogram, two points: the
/// range's left and right ends), its name and percentage of the parent, and where that label goes.
/// </summary>
internal sealed record GateOutline(string Population, string Label, double PercentOfParent, IReadOnlyList<PlotPoint> Vertices, PlotPoint LabelAt);
