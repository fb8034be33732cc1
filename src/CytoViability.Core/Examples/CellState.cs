namespace CytoViability.Core.Examples;

/// <summary>Viable = ΔΨm intact, PI−; apoptotic = ΔΨm lost (DiOC6 low), PI−; dead = membrane open, PI+.</summary>
internal enum CellState : byte
{
    Viable,
    Apoptotic,
    Dead,
}
