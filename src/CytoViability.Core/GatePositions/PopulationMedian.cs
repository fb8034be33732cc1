namespace CytoViability.Core.GatePositions;

/// <summary>A population's median on one axis its gate cuts, as a data value (for the run-wide median check).</summary>
internal sealed record PopulationMedian(string Population, string Channel, double Median);
