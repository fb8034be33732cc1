namespace CytoViability.Core.Experiments;

/// <summary>A file the run cannot process, known before reading it: becomes a fail row of qc.csv.</summary>
internal sealed record PlanFailure(string File, string Check, string Message);
