namespace CytoViability.Core.Assays;

/// <summary>
/// One killing-assay well: target events (DDAO+), dead targets among them (PI+), and for the count method the
/// live targets per fixed volume, per counting bead or per reference population (NaN when not measured).
/// </summary>
internal sealed record TargetWell(
    string Sample,
    string File,
    string Donor,
    IReadOnlyList<string> Conditions,
    long TargetCount,
    long DeadTargetCount,
    double LiveTargetsPerReference = double.NaN)
{
    /// <summary>% dead targets; NaN without targets.</summary>
    public double PercentDead => TargetCount == 0 ? double.NaN : 100.0 * DeadTargetCount / TargetCount;
}
