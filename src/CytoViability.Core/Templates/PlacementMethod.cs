namespace CytoViability.Core.Templates;

/// <summary>How a computed gate coordinate is found from the events (docs/templates.md §1.8.2).</summary>
internal enum PlacementMethod
{
    /// <summary>The density minimum between the two main modes.</summary>
    Valley,

    /// <summary>A fixed quantile of the parent population.</summary>
    Quantile,

    /// <summary>Where the density of a one-mode distribution falls to a fraction of its peak.</summary>
    Tail,

    /// <summary>A percentile, or mean + k·SD, of the same population in control samples.</summary>
    Control,

    /// <summary>Median ± k·MAD of a ratio (singlets: FSC-H / FSC-A); a lower bound takes the minus side.</summary>
    Band,

    /// <summary>A multiple of the main cluster's mode (a scatter region that moves with the cells).</summary>
    Cluster,
}
