namespace CytoViability.Core.Output;

/// <summary>
/// One row of killing.csv (donor × condition). Percentages are of the donor's replicate-averaged wells.
/// The columns after <paramref name="Method"/> extend the contract: whether this is the control condition itself,
/// target events summed over the wells, the binomial s.e. of <paramref name="PercentDead"/> in percentage points,
/// and the low-target flag.
/// </summary>
internal sealed record KillingRow(
    string Donor,
    IReadOnlyList<string> Conditions,
    double PercentDead,
    double ControlPercentDead,
    double PercentKilling,
    string Method,
    bool IsControl,
    int WellCount,
    long TargetCount,
    double PercentDeadSe,
    bool LowTargetCount);
