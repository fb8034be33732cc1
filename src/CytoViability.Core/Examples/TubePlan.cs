namespace CytoViability.Core.Examples;

/// <summary>
/// One FCS file to generate: who and what it is (donor, tube, condition columns), which reagents it holds,
/// which cells in which proportions, and the true values those proportions imply.
/// </summary>
internal sealed record TubePlan(
    string FileName,
    string Donor,
    string TubeName,
    IReadOnlyList<KeyValuePair<string, string>> Conditions,
    StainPanel Panel,
    IReadOnlyList<Subpopulation> Cells,
    int Events,
    ulong Seed,
    IReadOnlyList<TruthValue> Truth)
{
    /// <summary>Share of recorded events that are debris above the FSC threshold.</summary>
    public double DebrisFraction { get; init; } = 0.06;

    /// <summary>Share of recorded events that are two cells passing the laser together.</summary>
    public double DoubletFraction { get; init; } = 0.03;

    /// <summary>CD40L-PE on viable CLL cells (only the CD40L tube carries the reagent).</summary>
    public LogNormalLevel Cd40l { get; init; } = LogNormalLevel.None;

    /// <summary>The cytometer set-up the tube is acquired with.</summary>
    public AcquisitionSetup Setup { get; init; } = AcquisitionSetup.Reference;

    /// <summary>Acquisition start, seconds after midnight ($BTIM).</summary>
    public int StartSecond { get; init; } = 9 * 3600;

    public string Condition(string column)
    {
        foreach (var pair in Conditions)
        {
            if (pair.Key == column)
            {
                return pair.Value;
            }
        }

        throw new KeyNotFoundException("Tube " + FileName + " has no condition column " + column + ".");
    }
}
