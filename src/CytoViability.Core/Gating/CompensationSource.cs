namespace CytoViability.Core.Gating;

/// <summary>Where a dimension's compensation comes from (Gating-ML <c>compensation-ref</c>).</summary>
internal enum CompensationSource
{
    /// <summary>Scale values as the file stores them (<c>uncompensated</c>).</summary>
    Uncompensated,

    /// <summary>The file's own <c>$SPILLOVER</c>/<c>SPILL</c> (<c>FCS</c>); uncompensated when the file has none.</summary>
    File,

    /// <summary>A matrix of the strategy, by id (a Gating-ML spectrumMatrix or a template's matrix CSV).</summary>
    Matrix,
}
