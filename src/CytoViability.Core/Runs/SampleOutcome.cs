namespace CytoViability.Core.Runs;

/// <summary>
/// One file's end: a result, or the fail rows that say why not. Either way the input's hash and size are known
/// when the file could be read at all (for run.json).
/// </summary>
internal sealed record SampleOutcome(
    string File,
    SampleResult? Result,
    IReadOnlyList<Qc.QcRow> Failures,
    string? Sha256,
    long Bytes,
    int Events,
    double Milliseconds);
