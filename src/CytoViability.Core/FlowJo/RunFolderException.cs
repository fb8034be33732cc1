namespace CytoViability.Core.FlowJo;

/// <summary>A run's output folder that `flowjo export` cannot turn into a workspace: no run.json, or its template no longer loads.</summary>
internal sealed class RunFolderException(string message) : CytoViabilityException(message);
