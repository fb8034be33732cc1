namespace CytoViability.Core.Experiments;

/// <summary>FCS files found under a folder (paths inside it, `/` separators, ordinal order) and what was refused.</summary>
internal sealed record DiscoveredFiles(IReadOnlyList<string> Files, IReadOnlyList<PlanFailure> Refused);
