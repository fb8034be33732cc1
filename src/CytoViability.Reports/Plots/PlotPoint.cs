namespace CytoViability.Reports.Plots;

/// <summary>A point on a gate plot, in plotted (transformed) units.</summary>
internal readonly record struct PlotPoint(double X, double Y);
