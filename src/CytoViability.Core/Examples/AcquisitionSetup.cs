using System.Globalization;

namespace CytoViability.Core.Examples;

/// <summary>
/// The cytometer set-up the example tubes are acquired with, relative to the reference set-up the shipped
/// templates were drawn on: a gain factor per fluorescence detector (a PMT voltage change) and one for FSC and
/// one for SSC. Labs change these after a service, between two FACSCantos and with a new dye lot; a gate at a
/// fixed data coordinate does not follow.
/// </summary>
/// <remarks>
/// What a re-set-up does to the data, and so what the generator does: the light a cell sends is the same, the
/// PMT multiplies its photoelectrons by g, so signal, autofluorescence and their photon noise all scale by g
/// (each population keeps its CV). The electronic baseline noise behind the PMT (amplifier and ADC, what is
/// left after baseline restoration) does not scale, so at a low voltage dim populations sink into it. The
/// 262,143 ceiling does not move, so at a high voltage bright populations saturate sooner. Widths (FSC-W,
/// SSC-W) are area over height and do not change. FACSDiva recomputes the acquisition spillover for the new
/// voltages: a dye spills the same share of its light, measured in the new units of both detectors, so
/// S′ᵢⱼ = Sᵢⱼ·gⱼ/gᵢ (row i the dye's primary detector, column j the detector it spills into).
/// </remarks>
internal sealed record AcquisitionSetup
{
    /// <summary>
    /// Exponent of the PMT gain–voltage law, gain ∝ V^k: k is the number of dynodes n times the secondary
    /// emission exponent α = 0.7–0.8 (Hamamatsu, "Photomultiplier tubes: basics and applications", gain
    /// characteristics: μ = A·V^(αn)); for 9–10 dynode tubes k is 6.3–8, and 7 is used here. FSC is a
    /// photodiode with an amplifier; its voltage setting is modelled with the same law.
    /// </summary>
    public const double VoltageExponent = 7;

    private const int RandomSetupStream = 200;

    private static readonly double[] Unity = [1, 1, 1, 1, 1, 1, 1, 1];

    /// <summary>The fluorescence detectors, in the order of <see cref="FluorescenceGains"/> (the SPILL order).</summary>
    public static IReadOnlyList<string> FluorescenceDetectors { get; } = Array.AsReadOnly(CantoII.FluorescenceNames);

    /// <summary>The set-up the shipped templates were drawn on (every gain 1): the example-fcs/ experiments.</summary>
    public static AcquisitionSetup Reference { get; } = new();

    /// <summary>
    /// The re-set-up of the example-fcs/*-day2 experiments. Chosen inside the 0.3×–3× (fluorescence) and
    /// 0.75×–1.35× (scatter) range a lab meets, so that gates at the reference coordinates are clearly wrong:
    /// DiOC6 (FITC) and CD5 (FITC) drop towards the fixed dividers, PI and CD19 (PE) rise, DDAO (APC) falls.
    /// </summary>
    public static AcquisitionSetup SecondDay { get; } = new()
    {
        Name = "second set-up",
        FscGain = 1.3,
        SscGain = 0.8,
        FluorescenceGains = [0.3, 2.6, 1.8, 1.5, 0.4, 0.6, 1.25, 0.7],
    };

    /// <summary>
    /// A set-up a lab might meet after a service or on another FACSCanto, drawn from <paramref name="seed"/>:
    /// each fluorescence gain log-uniform in 0.3×–3×, FSC and SSC gains log-uniform in 0.75×–1.35×, rounded to
    /// 0.01. The same seed gives the same set-up.
    /// </summary>
    public static AcquisitionSetup Random(ulong seed)
    {
        var random = new ExampleRandom(ExampleRandom.DeriveSeed(seed, RandomSetupStream));
        var gains = new double[CantoII.FluorescenceCount];
        for (var d = 0; d < gains.Length; d++)
        {
            gains[d] = LogUniform(random, 0.3, 3);
        }

        return new AcquisitionSetup
        {
            Name = "random set-up " + seed.ToString(CultureInfo.InvariantCulture),
            FscGain = LogUniform(random, 0.75, 1.35),
            SscGain = LogUniform(random, 0.75, 1.35),
            FluorescenceGains = gains,
        };
    }

    public string Name { get; init; } = "reference";

    public double FscGain { get; init; } = 1;

    public double SscGain { get; init; } = 1;

    /// <summary>Gain per fluorescence detector, in <see cref="FluorescenceDetectors"/> order.</summary>
    public IReadOnlyList<double> FluorescenceGains { get; init; } = Unity;

    public bool IsReference
    {
        get
        {
            if (FscGain != 1 || SscGain != 1)
            {
                return false;
            }

            foreach (var gain in FluorescenceGains)
            {
                if (gain != 1)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The gain of a detector by its $PnN (FSC-A/H/W, SSC-A/H/W or a fluorescence -A name).</summary>
    /// <exception cref="ArgumentException">Not a detector of the example FACSCanto II.</exception>
    public double Gain(string detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        if (detector.StartsWith("FSC-", StringComparison.Ordinal))
        {
            return FscGain;
        }

        if (detector.StartsWith("SSC-", StringComparison.Ordinal))
        {
            return SscGain;
        }

        var index = Array.IndexOf(CantoII.FluorescenceNames, detector);
        return index >= 0 ? FluorescenceGains[index] : throw new ArgumentException("'" + detector + "' is not a detector of the example FACSCanto II.", nameof(detector));
    }

    /// <summary>This set-up with one fluorescence detector's gain changed.</summary>
    public AcquisitionSetup WithGain(string detector, double gain)
    {
        var index = Array.IndexOf(CantoII.FluorescenceNames, detector);
        if (index < 0)
        {
            throw new ArgumentException("'" + detector + "' is not a fluorescence detector of the example FACSCanto II.", nameof(detector));
        }

        var gains = FluorescenceGains.ToArray();
        gains[index] = gain;
        return this with { FluorescenceGains = gains };
    }

    /// <summary>One line for experiment.yaml and the docs: every gain and the voltage FACSDiva shows for it.</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            Part("FSC", FscGain, CantoII.ScatterVoltages[0]),
            Part("SSC", SscGain, CantoII.ScatterVoltages[3]),
        };
        for (var d = 0; d < CantoII.FluorescenceCount; d++)
        {
            parts.Add(Part(CantoII.FluorescenceNames[d], FluorescenceGains[d], CantoII.FluorescenceVoltages[d]));
        }

        return string.Join(", ", parts);
    }

    internal void Validate()
    {
        if (FluorescenceGains is null || FluorescenceGains.Count != CantoII.FluorescenceCount)
        {
            throw new ArgumentException("An acquisition set-up needs one gain per fluorescence detector (" + CantoII.FluorescenceCount.ToString(CultureInfo.InvariantCulture) + ").");
        }

        CheckGain("FSC", FscGain);
        CheckGain("SSC", SscGain);
        for (var d = 0; d < CantoII.FluorescenceCount; d++)
        {
            CheckGain(CantoII.FluorescenceNames[d], FluorescenceGains[d]);
        }
    }

    internal double ScatterGain(int scatterColumn) => scatterColumn < 3 ? FscGain : SscGain;

    /// <summary>The PMT voltage that gives <paramref name="gain"/> from the reference voltage, in whole volts as FACSDiva shows it.</summary>
    internal static double Voltage(double referenceVoltage, double gain) =>
        Math.Round(referenceVoltage * ExactMath.Exp(ExactMath.Ln(gain) / VoltageExponent), MidpointRounding.AwayFromZero);

    /// <summary>The acquisition spillover FACSDiva writes for this set-up: S′ᵢⱼ = Sᵢⱼ·gⱼ/gᵢ.</summary>
    internal double[,] Spillover()
    {
        var spillover = new double[CantoII.FluorescenceCount, CantoII.FluorescenceCount];
        for (var row = 0; row < CantoII.FluorescenceCount; row++)
        {
            for (var column = 0; column < CantoII.FluorescenceCount; column++)
            {
                spillover[row, column] = CantoII.Spillover[row, column] * FluorescenceGains[column] / FluorescenceGains[row];
            }
        }

        return spillover;
    }

    private static void CheckGain(string detector, double gain)
    {
        // Outside 0.1×–10× the reference voltages leave the PMT's working range (about 200–1000 V).
        if (!(gain >= 0.1 && gain <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "The gain of " + detector + " must be between 0.1 and 10 times the reference set-up.");
        }
    }

    private static double LogUniform(ExampleRandom random, double low, double high)
    {
        var gain = ExactMath.Exp(ExactMath.Ln(low) + (random.NextDouble() * (ExactMath.Ln(high) - ExactMath.Ln(low))));
        return Math.Clamp(Math.Round(gain, 2, MidpointRounding.AwayFromZero), low, high);
    }

    private static string Part(string detector, double gain, double referenceVoltage) =>
        string.Create(CultureInfo.InvariantCulture, $"{detector} {gain:0.###}x ({Voltage(referenceVoltage, gain):0} V)");
}
