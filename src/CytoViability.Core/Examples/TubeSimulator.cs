namespace CytoViability.Core.Examples;

/// <summary>
/// Draws the events of one tube: each cell's scatter and its true dye amounts plus autofluorescence, then the
/// optics (spillover into every detector, photon and baseline noise, saturation), then FACSDiva's derived
/// height and width parameters. Cells are drawn in the reference set-up's units; the tube's set-up then
/// scales what a PMT voltage scales (see <see cref="AcquisitionSetup"/>), so a seed draws the same cells on
/// every set-up. Only +, −, ×, ÷, sqrt and <see cref="ExactMath"/> are used, so a seed gives
/// the same bytes everywhere.
/// </summary>
internal static class TubeSimulator
{
    private const double EventsPerSecond = 180;
    private const double WidthScale = 65536;

    public static SimulatedTube Simulate(TubePlan plan)
    {
        var random = new ExampleRandom(plan.Seed);
        var columns = new float[CantoII.ParameterCount][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new float[plan.Events];
        }

        var labels = new EventLabel[plan.Events];
        var cumulative = CumulativeFractions(plan.Cells);
        var compensated = new double[CantoII.FluorescenceCount];
        var second = new double[CantoII.FluorescenceCount];
        var detectors = new double[CantoII.FluorescenceCount];
        var time = 0.0;

        for (var i = 0; i < plan.Events; i++)
        {
            time += random.NextExponential(1.0 / EventsPerSecond);
            Array.Clear(compensated);
            Scatter scatter;
            var kindDraw = random.NextDouble();
            if (kindDraw < plan.DebrisFraction)
            {
                scatter = DrawDebris(random, plan.Panel, compensated);
                labels[i] = new EventLabel(CellKind.Debris, CellState.Dead, false);
            }
            else if (kindDraw < plan.DebrisFraction + plan.DoubletFraction)
            {
                var first = DrawCell(random, plan, cumulative, compensated);
                Array.Clear(second);
                var other = DrawCell(random, plan, cumulative, second);
                for (var d = 0; d < second.Length; d++)
                {
                    compensated[d] += second[d];
                }

                // Two cells in the beam: the pulse is longer, not much higher, so area adds and height does not.
                var heightGain = random.NextNormal(1.06, 0.03);
                scatter = new Scatter(
                    first.FscA + other.FscA,
                    Math.Max(first.FscH, other.FscH) * heightGain,
                    first.SscA + other.SscA,
                    Math.Max(first.SscH, other.SscH) * heightGain);
                labels[i] = new EventLabel(CellKind.Doublet, CellState.Viable, false);
            }
            else
            {
                var index = Pick(cumulative, random.NextDouble());
                var cell = plan.Cells[index];
                scatter = DrawCellOf(random, plan, cell, compensated);
                labels[i] = new EventLabel(cell.Kind, cell.State, cell.Traced);
            }

            Detect(random, plan.Setup, compensated, detectors);
            Store(columns, i, plan.Setup, scatter, detectors, time);
        }

        return new SimulatedTube(plan, columns, labels, time);
    }

    private static double[] CumulativeFractions(IReadOnlyList<Subpopulation> cells)
    {
        var total = 0.0;
        foreach (var cell in cells)
        {
            total += cell.Fraction;
        }

        var cumulative = new double[cells.Count];
        var running = 0.0;
        for (var i = 0; i < cells.Count; i++)
        {
            running += cells[i].Fraction / total;
            cumulative[i] = running;
        }

        cumulative[^1] = 1.0;
        return cumulative;
    }

    private static int Pick(double[] cumulative, double u)
    {
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (u < cumulative[i])
            {
                return i;
            }
        }

        return cumulative.Length - 1;
    }

    private static Scatter DrawCell(ExampleRandom random, TubePlan plan, double[] cumulative, double[] compensated)
    {
        var cell = plan.Cells[Pick(cumulative, random.NextDouble())];
        return DrawCellOf(random, plan, cell, compensated);
    }

    private static Scatter DrawCellOf(ExampleRandom random, TubePlan plan, Subpopulation cell, double[] compensated)
    {
        var (fsc, ssc) = CellPhenotypes.Scatter(cell.Kind, cell.State);
        var fscA = random.NextLogNormal(fsc.Median, fsc.Sigma);
        var sscA = random.NextLogNormal(ssc.Median, ssc.Sigma);
        var scatter = new Scatter(fscA, fscA * random.NextNormal(0.87, 0.025), sscA, sscA * random.NextNormal(0.90, 0.03));

        for (var d = 0; d < CantoII.FluorescenceCount; d++)
        {
            compensated[d] += CellPhenotypes.Autofluorescence(cell.Kind, cell.State, d);
        }

        foreach (var (dye, detector) in plan.Panel.Stains)
        {
            var level = CellPhenotypes.DyeLevel(cell.Kind, cell.State, cell.Traced, dye, plan.Cd40l);
            if (!level.IsNone)
            {
                compensated[detector] += random.NextLogNormal(level.Median, level.Sigma);
            }
        }

        return scatter;
    }

    private static Scatter DrawDebris(ExampleRandom random, StainPanel panel, double[] compensated)
    {
        double fscA, fscH;
        do
        {
            // Events below the FSC threshold were never recorded, so they are drawn again. The operator moves the
            // threshold with the FSC voltage (THRESHOLD keyword), so the same particles are recorded on every set-up.
            fscA = random.NextLogNormal(10000, 0.35);
            fscH = fscA * random.NextNormal(0.90, 0.04);
        }
        while (fscH < CantoII.FscThreshold);

        var sscA = random.NextLogNormal(6000, 0.70);
        for (var d = 0; d < CantoII.FluorescenceCount; d++)
        {
            compensated[d] += CellPhenotypes.Autofluorescence(CellKind.Debris, CellState.Dead, d);
        }

        foreach (var (dye, detector) in panel.Stains)
        {
            // Fragments of dead cells carry DNA (PI) and tracer; other stains barely.
            var (chance, level) = dye switch
            {
                Dye.PI => (0.5, new LogNormalLevel(8000, 1.0)),
                Dye.DDAO => (0.3, new LogNormalLevel(15000, 1.0)),
                _ => (1.0, new LogNormalLevel(300, 1.0)),
            };
            if (random.NextDouble() < chance)
            {
                compensated[detector] += random.NextLogNormal(level.Median, level.Sigma);
            }
        }

        return new Scatter(fscA, fscH, sscA, sscA * random.NextNormal(0.90, 0.05));
    }

    /// <summary>
    /// Light into every detector (reference units), then the PMT: the gain multiplies the signal and its photon
    /// noise, the baseline noise added behind the PMT stays the same; one normal draw carries both variances.
    /// </summary>
    private static void Detect(ExampleRandom random, AcquisitionSetup setup, double[] compensated, double[] detectors)
    {
        for (var d = 0; d < CantoII.FluorescenceCount; d++)
        {
            var mean = 0.0;
            for (var k = 0; k < CantoII.FluorescenceCount; k++)
            {
                mean += compensated[k] * CantoII.Spillover[k, d];
            }

            var gain = setup.FluorescenceGains[d];
            var noise = CantoII.BaselineNoise[d];
            var variance = (noise * noise) + (gain * gain * CantoII.PhotonNoisePerUnit * Math.Max(mean, 0));
            detectors[d] = (gain * mean) + (Math.Sqrt(variance) * random.NextNormal());
        }
    }

    /// <summary>Scatter gains scale area and height alike, so widths (area over height) only change where a pulse saturates.</summary>
    private static void Store(float[][] columns, int i, AcquisitionSetup setup, Scatter scatter, double[] detectors, double time)
    {
        var fscA = Saturate(scatter.FscA * setup.FscGain);
        var fscH = Saturate(Math.Max(scatter.FscH * setup.FscGain, 1));
        var sscA = Saturate(scatter.SscA * setup.SscGain);
        var sscH = Saturate(Math.Max(scatter.SscH * setup.SscGain, 1));
        columns[0][i] = fscA;
        columns[1][i] = fscH;
        columns[2][i] = Saturate(WidthScale * fscA / fscH);
        columns[3][i] = sscA;
        columns[4][i] = sscH;
        columns[5][i] = Saturate(WidthScale * sscA / sscH);
        for (var d = 0; d < CantoII.FluorescenceCount; d++)
        {
            columns[CantoII.FirstFluorescenceColumn + d][i] = Saturate(detectors[d]);
        }

        columns[CantoII.TimeColumn][i] = (float)(time / CantoII.TimeStep);
    }

    private static float Saturate(double value) => value >= CantoII.Saturation ? CantoII.Saturation : (float)value;

    private readonly record struct Scatter(double FscA, double FscH, double SscA, double SscH);
}
