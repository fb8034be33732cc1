namespace CytoViability.Core.Examples;

/// <summary>What an event is; the generator's per-event label and the examples' independent truth.</summary>
internal enum CellKind : byte
{
    Debris,
    Doublet,
    Cll,
    Daudi,
    PbmcLymphocyte,
    Monocyte,
    TCell,
    NkCell,
    NormalBCell,
    GammaDeltaTCell,

    /// <summary>A counting bead: bright in every detector, the reference of count-based killing.</summary>
    CountingBead,
}
