namespace CytoViability.Reports.Html;

/// <summary>
/// One sample of the gallery: its names, the page that shows its gate plots (relative to the output folder), how
/// many plots it has, and its worst QC status (null: no QC rows).
/// </summary>
internal sealed record GallerySample(string Sample, string File, string Page, int Plots, Core.Qc.QcStatus? WorstStatus);
