using CytoViability.Core.Qc;

namespace CytoViability.Core.Assays;

/// <summary>
/// Something an assay could not compute or found suspicious (a control missing for a donor, a reference
/// missing, a control with most targets already dead). Reported, never thrown: the other donors go on.
/// <paramref name="Check"/> is the qc.csv check name; <paramref name="Wells"/> the wells it concerns.
/// </summary>
internal sealed record AssayProblem(
    string Check,
    QcStatus Status,
    string Donor,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<WellReference> Wells,
    double? Value,
    double? Threshold,
    string Message);
