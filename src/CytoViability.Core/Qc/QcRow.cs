namespace CytoViability.Core.Qc;

/// <summary>
/// One row of qc.csv (sample × check). <paramref name="Value"/> and <paramref name="Threshold"/> are empty for
/// checks without a number (an unreadable file).
/// </summary>
internal sealed record QcRow(
    string Sample,
    string File,
    string Check,
    double? Value,
    double? Threshold,
    QcStatus Status,
    string Message);
