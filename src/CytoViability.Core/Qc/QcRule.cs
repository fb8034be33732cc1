namespace CytoViability.Core.Qc;

/// <summary>A threshold and the status a sample gets when it is on the wrong side of it.</summary>
internal sealed record QcRule(double Threshold, QcStatus Severity);
