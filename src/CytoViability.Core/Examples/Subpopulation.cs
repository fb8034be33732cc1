namespace CytoViability.Core.Examples;

/// <summary>One kind of single cell in a tube, with its share of the single cells.</summary>
internal sealed record Subpopulation(CellKind Kind, CellState State, double Fraction, bool Traced = false);
