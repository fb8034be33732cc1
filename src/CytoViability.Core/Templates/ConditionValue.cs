namespace CytoViability.Core.Templates;

/// <summary>A condition column and the value that picks a control or reference, e.g. antibody = none.</summary>
internal sealed record ConditionValue(string Column, string Value);
