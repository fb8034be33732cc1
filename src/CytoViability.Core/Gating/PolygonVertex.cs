namespace CytoViability.Core.Gating;

/// <summary>A polygon corner, in the (transformed) units of the gate's two dimensions.</summary>
internal readonly record struct PolygonVertex(double X, double Y);
