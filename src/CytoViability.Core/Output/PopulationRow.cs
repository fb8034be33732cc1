namespace CytoViability.Core.Output;

/// <summary>
/// One row of populations.csv (sample × population). <paramref name="Metadata"/> holds the sample's metadata
/// values in the order of the table's metadata columns. <paramref name="Parent"/> is empty for a root gate.
/// </summary>
internal sealed record PopulationRow(
    string Sample,
    string File,
    string Population,
    string Parent,
    long Count,
    long ParentCount,
    double PercentParent,
    double PercentTotal,
    IReadOnlyList<string> Metadata);
