namespace CytoViability.Reports.Plots;

/// <summary>The gate plots of one sample, in template order.</summary>
internal sealed record SampleGatePlots(string Sample, string File, IReadOnlyList<GatePlot> Plots);
