namespace CytoViability.Core.Examples;

/// <summary>The generator's own record of one event: its kind, its state and whether it carries the DDAO target tracer.</summary>
internal readonly record struct EventLabel(CellKind Kind, CellState State, bool Traced)
{
    /// <summary>A single cell: neither debris, a doublet nor a counting bead, i.e. what scatter and singlet gates should keep.</summary>
    public bool IsSingleCell => Kind is not (CellKind.Debris or CellKind.Doublet or CellKind.CountingBead);
}
