namespace CytoViability.Reports.Html;

/// <summary>One sample of the gallery: its names, its gate plots, and its worst QC status (null: no QC rows).</summary>
internal sealed record GallerySample(string Sample, string File, IReadOnlyList<ReportFigure> Figures, Core.Output.QcStatus? WorstStatus);
