using System.Globalization;
using System.Text;
using CytoViability.Core.Fcs;

namespace CytoViability.Cli.Tests.Run;

/// <summary>
/// Writes a small FACSCanto-like experiment with the FcsWriter: 12 channels, DiOC6 spilling 15 % into PE (SPILL
/// keyword, so only a compensated run gates it right), donors × treatment × antibody × duplicate wells, and a
/// sample sheet. Every event's population is drawn by the generator, which counts them: the truth is exact.
/// </summary>
internal static class SyntheticExperiment
{
    public const double DiOC6IntoPe = 0.15;

    public static readonly string[] Channels =
        ["FSC-A", "FSC-H", "SSC-A", "FITC-A", "PE-A", "PerCP-Cy5-5-A", "PE-Cy7-A", "APC-A", "APC-Cy7-A", "V450-A", "V500-A", "Time"];

    private static readonly string?[] Stains = [null, null, null, "DiOC6", "PI", null, "CD19", "DDAO", "CD40L", "CD5", null, null];

    public const string Template = """
        name: synthetic all-assays
        channels:
          FSC-A: FSC-A
          SSC-A: SSC-A
          DiOC6: { marker: DiOC6, detector: FITC-A }
          PI: { marker: PI, detector: [PE-A, PerCP-Cy5-5-A] }
          DDAO: { marker: DDAO, detector: APC-A }
          CD5: { marker: CD5, detector: V450-A }
          CD19: { marker: CD19, detector: PE-Cy7-A }
          CD40L: { marker: CD40L, detector: APC-Cy7-A }
        compensation: file
        transforms:
          DiOC6: logicle
          PI: logicle
          DDAO: logicle
          CD40L: logicle
        gates:
          - { id: cells, type: range, channel: FSC-A, min: 20000 }
          - id: viable
            parent: cells
            type: rectangle
            bounds: { DiOC6: { min: 8000 }, PI: { max: 3000 } }
          - { id: targets, parent: cells, type: range, channel: DDAO, min: 5000 }
          - { id: dead_targets, parent: targets, type: range, channel: PI, min: 3000 }
          - id: cd5_cd19
            parent: cells
            type: quadrant
            x: CD5
            y: CD19
            at: [5000, 5000]
            quadrants: { pure: [positive, positive], cd19_only: [negative, positive] }
        statistics:
          mfi: { viable: [CD40L] }
        assays:
          viability: { population: viable, of: cells }
          killing: { dead: dead_targets, of: targets, method: specific, control: { antibody: none } }
          purity: { population: pure, of: cells, minimum: 90 }
          mfi_fold: { population: viable, channel: CD40L, reference: { treatment: untreated } }
        reference: { treatment: untreated }
        qc:
          minimum_events: { all: 500, targets: 100 }
        """;

    /// <summary>Writes the experiment into <paramref name="folder"/>: FCS files under D*/, template.yaml, samples.csv, experiment.yaml.</summary>
    public static IReadOnlyList<SyntheticWell> Write(string folder, int eventsPerFile = 3000, int donors = 3, int seed = 7)
    {
        var wells = new List<SyntheticWell>();
        var random = new Random(seed);
        var sheet = new StringBuilder("file,sample,donor,replicate,treatment,antibody\n");
        for (var d = 1; d <= donors; d++)
        {
            var donor = "D" + d;
            foreach (var treatment in new[] { "untreated", "len" })
            {
                foreach (var antibody in new[] { "none", "ritux" })
                {
                    for (var replicate = 1; replicate <= 2; replicate++)
                    {
                        var file = donor + "/" + donor + "_" + treatment + "_" + antibody + "_" + replicate + ".fcs";
                        var sample = donor + "-" + treatment + "-" + antibody + "-" + replicate;
                        var well = WriteWell(folder, file, sample, donor, replicate.ToString(CultureInfo.InvariantCulture), treatment, antibody, eventsPerFile, d, random);
                        wells.Add(well);
                        sheet.Append(file).Append(',').Append(sample).Append(',').Append(donor).Append(',').Append(well.Replicate).Append(',').Append(treatment).Append(',').Append(antibody).Append('\n');
                    }
                }
            }
        }

        File.WriteAllText(Path.Combine(folder, "samples.csv"), sheet.ToString());
        File.WriteAllText(Path.Combine(folder, "template.yaml"), Template);
        File.WriteAllText(Path.Combine(folder, "experiment.yaml"), "template: template.yaml\nsamples: samples.csv\n");
        return wells;
    }

    /// <summary>Nominal probabilities of the design; the truth is the counted events, these only shape them.</summary>
    public static (double Viable, double DeadTarget, double Pure, double Cd40lMedian) Nominal(int donor, string treatment, string antibody)
    {
        var viable = treatment == "untreated" ? 0.8 : 0.6;
        var deadTarget = (antibody == "none" ? 0.2 : 0.5) + (treatment == "len" ? 0.1 : 0) + (0.02 * donor);
        var pure = donor == 3 ? 0.85 : 0.97;
        var median = (treatment == "untreated" ? 1000.0 : 2000.0) * (1 + (0.1 * donor));
        return (viable, deadTarget, pure, median);
    }

    public static SyntheticWell WriteWell(string folder, string file, string sample, string donor, string replicate, string treatment, string antibody, int events, int donorNumber, Random random, bool dropApc = false)
    {
        var (pViable, pDeadTarget, pPure, cd40lMedian) = Nominal(donorNumber, treatment, antibody);
        var columns = new float[Channels.Length][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new float[events];
        }

        int cells = 0, viable = 0, targets = 0, deadTargets = 0, pure = 0;
        var viableCd40l = new List<float>();
        for (var e = 0; e < events; e++)
        {
            float fsc, ssc, dioc6, pi, ddao, cd5, cd19, cd40l;
            if (random.NextDouble() < 0.05)
            {
                fsc = Uniform(random, 2000, 15000);
                ssc = Uniform(random, 1000, 20000);
                dioc6 = Uniform(random, -200, 600);
                pi = Uniform(random, -200, 600);
                ddao = Uniform(random, -200, 600);
                cd5 = Uniform(random, -200, 600);
                cd19 = Uniform(random, -200, 600);
                cd40l = Uniform(random, 10, 100);
            }
            else
            {
                cells++;
                fsc = Uniform(random, 40000, 150000);
                ssc = Uniform(random, 10000, 80000);
                var isTarget = random.NextDouble() < 0.2;
                var dead = random.NextDouble() < (isTarget ? pDeadTarget : 1 - pViable);
                dioc6 = dead ? Uniform(random, 500, 3000) : Uniform(random, 20000, 120000);
                pi = dead ? Uniform(random, 8000, 60000) : Uniform(random, -400, 800);
                ddao = isTarget ? Uniform(random, 20000, 100000) : Uniform(random, -300, 800);
                var isPure = random.NextDouble() < pPure;
                cd5 = isPure ? Uniform(random, 10000, 80000) : Uniform(random, -300, 1500);
                cd19 = Uniform(random, 10000, 80000);
                cd40l = (float)Math.Exp(Math.Log(cd40lMedian) + (0.5 * Normal(random)));
                if (isTarget)
                {
                    targets++;
                    deadTargets += dead ? 1 : 0;
                }

                if (!dead)
                {
                    viable++;
                    viableCd40l.Add(cd40l);
                }

                pure += isPure ? 1 : 0;
            }

            columns[0][e] = fsc;
            columns[1][e] = fsc * Uniform(random, 0.8f, 1.0f);
            columns[2][e] = ssc;
            columns[3][e] = dioc6;
            columns[4][e] = (float)(pi + (DiOC6IntoPe * dioc6));
            columns[5][e] = Uniform(random, -100, 300);
            columns[6][e] = cd19;
            columns[7][e] = ddao;
            columns[8][e] = cd40l;
            columns[9][e] = cd5;
            columns[10][e] = Uniform(random, -100, 300);
            columns[11][e] = e * 0.01f;
        }

        var keep = new List<int>();
        for (var c = 0; c < Channels.Length; c++)
        {
            if (!(dropApc && Channels[c] == "APC-A"))
            {
                keep.Add(c);
            }
        }

        var parameters = new List<FcsWriteParameter>();
        var kept = new List<float[]>();
        foreach (var c in keep)
        {
            parameters.Add(new FcsWriteParameter(Channels[c], Stains[c], 262144));
            kept.Add(columns[c]);
        }

        var keywords = new List<KeyValuePair<string, string>>
        {
            new("$SRC", donor),
            new("TUBE NAME", treatment + "_" + antibody + "_" + replicate),
            new("EXPERIMENT NAME", "synthetic"),
            new("$CYT", "FACSCantoII"),
            new("SPILL", "2,FITC-A,PE-A,1," + DiOC6IntoPe.ToString(CultureInfo.InvariantCulture) + ",0,1"),
        };
        var path = Path.Combine(folder, file.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FcsWriter.WriteFile(path, new FcsWriteDataSet(parameters, kept, keywords));
        return new SyntheticWell(file, sample, donor, replicate, treatment, antibody, events, cells, viable, targets, deadTargets, pure, viableCd40l);
    }

    private static float Uniform(Random random, float low, float high) => (float)(low + ((high - low) * random.NextDouble()));

    /// <summary>Box–Muller: a standard normal draw.</summary>
    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
