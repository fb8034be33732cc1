using CytoViability.Core.Gating;
using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;
using CytoViability.Reports.Plots;

namespace CytoViability.Reports.Tests.Plots;

/// <summary>
/// A synthetic CLL purity tube with known truth, gated by the round-one cd5-cd19-purity template (every gate at
/// fixed coordinates, tests/data/fixed-templates/; the shipped one computes its gates from each run's data, which
/// the run does before plots are built, docs/DESIGN.md): 2,000 lymphocytes
/// (FSC-A 50–120K, SSC-A 5–35K, FSC-H = 0.8 FSC-A, inside both scatter polygons), 1,000 debris (FSC-A below 20K)
/// and 1,000 monocytes (SSC-A above 60K). Of the lymphocytes, <c>purePercent</c> are CD5 ≈ 3,000 CD19 ≈ 10,000
/// (CD5+CD19+) and the rest CD5 ≈ 100 CD19 ≈ 10,000 (CD5−CD19+).
/// </summary>
internal sealed class PuritySample
{
    public const int Lymphocytes = 2000;
    public const int Debris = 1000;
    public const int Monocytes = 1000;

    public PuritySample(int purePercent, int seed = 7)
    {
        Template = LoadTemplate();
        var random = new Random(seed);
        var n = Lymphocytes + Debris + Monocytes;
        Pure = Lymphocytes * purePercent / 100;
        double[] fsc = new double[n], fscH = new double[n], ssc = new double[n], cd5 = new double[n], cd19 = new double[n];
        for (var i = 0; i < n; i++)
        {
            double Between(double low, double high) => low + (random.NextDouble() * (high - low));
            if (i < Lymphocytes)
            {
                fsc[i] = Between(50_000, 120_000);
                ssc[i] = Between(5_000, 35_000);
                cd5[i] = i < Pure ? Between(2_000, 4_000) : Between(50, 150);
                cd19[i] = Between(6_000, 14_000);
            }
            else if (i < Lymphocytes + Debris)
            {
                fsc[i] = Between(2_000, 20_000);
                ssc[i] = Between(0, 10_000);
                cd5[i] = Between(10, 200);
                cd19[i] = Between(10, 200);
            }
            else
            {
                fsc[i] = Between(90_000, 200_000);
                ssc[i] = Between(60_000, 120_000);
                cd5[i] = Between(10, 200);
                cd19[i] = Between(10, 200);
            }

            fscH[i] = 0.8 * fsc[i];
        }

        Cd5 = TransformFactory.Create(Template.Transforms["CD5"]);
        Cd19 = TransformFactory.Create(Template.Transforms["CD19"]);
        Columns = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["FSC-A"] = fsc,
            ["FSC-H"] = fscH,
            ["SSC-A"] = ssc,
            ["CD5"] = Forward(Cd5, cd5),
            ["CD19"] = Forward(Cd19, cd19),
        };
        var events = EventColumns.FromArrays(["FSC-A", "FSC-H", "SSC-A", "FITC-A", "PE-A"], [fsc, fscH, ssc, cd5, cd19]);
        Result = Strategy().Evaluate(events);
    }

    public GatingTemplate Template { get; }

    public int Pure { get; }

    public ITransform Cd5 { get; }

    public ITransform Cd19 { get; }

    /// <summary>Values per alias on the plotted scale (CD5 and CD19 through their logicle transforms).</summary>
    public IReadOnlyDictionary<string, double[]> Columns { get; }

    public GatingResult Result { get; }

    public SampleGatePlots Plots(string sample = "donor1_untreated") =>
        GatePlotBuilder.Build(sample, sample + ".fcs", CompiledTemplate.Compile(Template), Result, alias => Columns[alias]);

    /// <summary>The channels as a FACSCanto II file describes them: 18-bit range, CD5 on FITC-A, CD19 on PE-A.</summary>
    public static IReadOnlyDictionary<string, Core.Runs.PlotChannel> CantoChannels { get; } = new Dictionary<string, Core.Runs.PlotChannel>
    {
        ["FSC-A"] = new("FSC-A", null, 262144),
        ["FSC-H"] = new("FSC-H", null, 262144),
        ["SSC-A"] = new("SSC-A", null, 262144),
        ["CD5"] = new("FITC-A", "CD5", 262144),
        ["CD19"] = new("PE-A", "CD19", 262144),
    };

    public SampleGatePlots PlotsOnTheInstrumentsAxes(string sample) =>
        GatePlotBuilder.Build(sample, sample + ".fcs", CompiledTemplate.Compile(Template), Result, alias => Columns[alias], CantoChannels);

    public static GatingTemplate LoadTemplate()
    {
        var loaded = TemplateLoader.LoadFile(Path.Combine(TestPaths.RepositoryRoot, "tests", "data", "fixed-templates", "cd5-cd19-purity.yaml"));
        return loaded.Template ?? throw new InvalidOperationException(string.Join("\n", loaded.Problems));
    }

    private static double[] Forward(ITransform transform, double[] values)
    {
        var result = new double[values.Length];
        transform.Forward(values, result);
        return result;
    }

    /// <summary>The template's gates written out in the gating model (data units; the quadrant on raw FITC-A/PE-A).</summary>
    private static GatingStrategy Strategy()
    {
        var fsc = ChannelDimension.Raw("FSC-A");
        var fscH = ChannelDimension.Raw("FSC-H");
        var ssc = ChannelDimension.Raw("SSC-A");
        return new GatingStrategy(
        [
            new PolygonGate("lymphocytes", null, fsc, ssc, [new(30000, -2000), new(150000, -2000), new(150000, 45000), new(30000, 45000)]),
            new PolygonGate("singlets", "lymphocytes", fsc, fscH, [new(20000, 14000), new(262143, 183500), new(262143, 262143), new(174762, 262143), new(20000, 30000)]),
            QuadrantGate.TwoByTwo("cd5_cd19", "singlets", ChannelDimension.Raw("FITC-A"), 1000, ChannelDimension.Raw("PE-A"), 1500, "double_negative", "cd5pos_cd19neg", "cd5neg_cd19pos", "cd5pos_cd19pos"),
        ]);
    }
}
