namespace CytoViability.Core.Output;

/// <summary>Outcome of a QC check, written lower-case in qc.csv.</summary>
public enum QcStatus
{
    Pass,
    Warn,
    Fail,
}
