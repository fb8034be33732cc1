namespace CytoViability.Core.Templates;

internal enum GateUnits
{
    /// <summary>Data values as on a plot's axis labels.</summary>
    Data,

    /// <summary>The transform's 0–1 output scale, as Gating-ML stores coordinates.</summary>
    Transformed,
}
