namespace CytoViability.Core.Templates;

/// <summary>A spillover matrix read from a template's matrix CSV: rows spill into columns, both in <see cref="Detectors"/> order.</summary>
internal sealed record CompensationMatrixFile(string Path, IReadOnlyList<string> Detectors, double[,] Values);
