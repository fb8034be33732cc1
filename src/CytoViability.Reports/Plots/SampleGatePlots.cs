namespace CytoViability.Reports.Plots;

/// <summary>The gate plots of one sample, in template order.</summary>
public sealed record SampleGatePlots(string Sample, string File, IReadOnlyList<GatePlot> Plots);
