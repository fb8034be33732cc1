namespace CytoViability.Core.Examples;

/// <summary>
/// What `cytoviability example` generates. The defaults produce the committed example-fcs/ folder byte for byte.
/// Events is the number of events per tube; ADCC tubes record twice as many, because at 30:1 only about 3 % of
/// events are targets. Setup is the cytometer set-up of the six experiments; SecondSetup, when set, adds one
/// more day per experiment (folder name + "-day2") acquired with it, from its own random stream.
/// </summary>
internal sealed record ExampleOptions
{
    public const ulong DefaultSeed = 20250314;
    public const int DefaultDonors = 3;
    public const int DefaultEvents = 1000;

    public ulong Seed { get; init; } = DefaultSeed;

    public int Donors { get; init; } = DefaultDonors;

    public int Events { get; init; } = DefaultEvents;

    public AcquisitionSetup Setup { get; init; } = AcquisitionSetup.Reference;

    /// <summary>The set-up of the second day's experiments, or null for no second day.</summary>
    public AcquisitionSetup? SecondSetup { get; init; } = AcquisitionSetup.SecondDay;

    /// <summary>The experiments to write (names from <see cref="ExampleExperiments.Folders"/>, both days), or null for all six.</summary>
    public IReadOnlyList<string>? Experiments { get; init; }
}
