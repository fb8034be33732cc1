namespace CytoViability.Core.Assays;

/// <summary>
/// One well's value of a metric (viability %, purity %, geometric MFI…), with the donor and condition values
/// (in the order of the analysis' condition columns; donor and replicate are not condition columns).
/// </summary>
internal sealed record WellValue(string Sample, string File, string Donor, IReadOnlyList<string> Conditions, double Value);
