namespace CytoViability.Core.Assays;

/// <summary>One well's events in a population (<see cref="Count"/>) and in the population it is a share of (<see cref="Of"/>).</summary>
internal sealed record PopulationWell(string Sample, string File, string Donor, IReadOnlyList<string> Conditions, long Count, long Of);
