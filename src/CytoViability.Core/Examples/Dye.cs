namespace CytoViability.Core.Examples;

/// <summary>The reagents of the lab's assays, as the generator draws them before any optics.</summary>
internal enum Dye
{
    DiOC6,
    PI,
    DDAO,
    CD5,
    CD19,
    CD40L,
}
