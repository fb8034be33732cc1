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
}
