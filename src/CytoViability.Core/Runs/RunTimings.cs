namespace CytoViability.Core.Runs;

/// <summary>Wall-clock milliseconds of a run's stages, for run.json.</summary>
internal sealed record RunTimings(double Plan, double Process, double Assays, double Total);
