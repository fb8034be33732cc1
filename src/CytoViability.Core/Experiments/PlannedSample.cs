namespace CytoViability.Core.Experiments;

/// <summary>A file the run will read, with its sheet row when there is a sheet.</summary>
internal sealed record PlannedSample(string RelativePath, string FullPath, SampleSheetRow? Row);
