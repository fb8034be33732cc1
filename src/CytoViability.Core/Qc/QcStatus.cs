namespace CytoViability.Core.Qc;

/// <summary>Outcome of a QC check, written lower-case in qc.csv.</summary>
internal enum QcStatus
{
    Pass,
    Warn,
    Fail,
}
