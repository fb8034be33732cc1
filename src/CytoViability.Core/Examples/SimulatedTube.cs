namespace CytoViability.Core.Examples;

/// <summary>The events of one generated file (column-major, FACSCanto II parameter order) and the label of each event.</summary>
internal sealed record SimulatedTube(TubePlan Plan, float[][] Columns, EventLabel[] Labels, double DurationSeconds);
