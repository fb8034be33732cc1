namespace CytoViability.Cli.Tests.Run;

/// <summary>
/// One generated FCS file and its truth: the exact number of events the generator put in each population, and
/// the CD40L values of its viable cells (to compute the geometric MFI independently of the tool).
/// </summary>
internal sealed record SyntheticWell(
    string File,
    string Sample,
    string Donor,
    string Replicate,
    string Treatment,
    string Antibody,
    int Events,
    int Cells,
    int Viable,
    int Targets,
    int DeadTargets,
    int Pure,
    IReadOnlyList<float> ViableCd40l);
