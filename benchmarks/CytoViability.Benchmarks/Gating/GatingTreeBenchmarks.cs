using BenchmarkDotNet.Attributes;
using CytoViability.Core.Compensation;
using CytoViability.Core.Fcs;
using CytoViability.Core.Gating;
using CytoViability.Core.Transforms;

namespace CytoViability.Benchmarks.Gating;

/// <summary>
/// The gating tree on 1,000,000 events × 12 channels: cells (polygon, FSC-A/SSC-A), singlets (rectangle on
/// FSC-H), live (rectangle on compensated logicle viability dye), CD3/CD19 quadrants (compensated logicle), a CD4/CD8
/// polygon under CD3+CD19−, and a boolean (live AND NOT CD3+CD19+). An 8×8 spillover over the fluorescence detectors,
/// logicle T=262144 W=0.5 M=4.5 A=0 on the five fluorescence axes gated on. One core; every call re-evaluates the
/// whole tree from the scale columns (compensation, transforms, gates, counts).
/// </summary>
[MemoryDiagnoser]
public class GatingTreeBenchmarks
{
    private const int Events = 1_000_000;

    private static readonly string[] Channels =
        ["FSC-A", "FSC-H", "SSC-A", "FITC-A", "PE-A", "PerCP-Cy5-5-A", "PE-Cy7-A", "APC-A", "APC-H7-A", "V450-A", "V500-A", "Time"];

    private EventColumns _events = null!;
    private CompensationMatrix _spillover = null!;
    private GatingStrategy _strategy = null!;
    private double[][] _columns = null!;
    private LogicleTransform _logicle = null!;
    private double[] _scratch = null!;
    private readonly SampleBuffers _buffers = new();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _columns = new double[Channels.Length][];
        for (var c = 0; c < Channels.Length; c++)
        {
            _columns[c] = new double[Events];
        }

        for (var e = 0; e < Events; e++)
        {
            var size = 60_000 + (25_000 * Normal(random));
            _columns[0][e] = size;
            _columns[1][e] = size * (0.8 + (0.05 * Normal(random)));
            _columns[2][e] = 40_000 + (15_000 * Normal(random));
            for (var c = 3; c < 11; c++)
            {
                // Log-normal stains, half bright; compensation spreads the dim ones below zero.
                var bright = random.Next(2) == 0;
                _columns[c][e] = Math.Exp((bright ? 8.5 : 5) + (0.6 * Normal(random))) - 100;
            }

            _columns[11][e] = e * 0.01;
        }

        var detectors = Channels[3..11];
        var spill = new double[8, 8];
        for (var r = 0; r < 8; r++)
        {
            for (var c = 0; c < 8; c++)
            {
                spill[r, c] = r == c ? 1 : 0.01 * ((r + (2 * c)) % 7);
            }
        }

        _spillover = CompensationMatrix.Square("FCS", detectors, spill);
        _events = EventColumns.FromArrays(Channels, _columns);
        _logicle = new LogicleTransform(262144, 0.5, 4.5, 0);
        _scratch = new double[Events];
        _strategy = BuildStrategy();
    }

    [Benchmark(Baseline = true)]
    public int WholeTree()
    {
        // A fresh EventColumns per call so that no computed dimension is reused between calls. The call's arrays come
        // from a pool and go back to it, as in a run, where every file after the first reuses the previous one's
        // (the tree keeps five whole compensated columns, 40 MB: fresh each call, their first writes cost more than
        // the gating).
        using var scope = _buffers.Open();
        var events = EventColumns.FromArrays(Channels, _columns);
        var result = _strategy.Evaluate(events, _spillover);
        var total = 0;
        foreach (var id in _strategy.PopulationIds)
        {
            total += result.Count(id);
        }

        return total;
    }

    [Benchmark]
    public double LogicleOneColumn()
    {
        _logicle.Forward(_columns[4], _scratch);
        return _scratch[^1];
    }

    private GatingStrategy BuildStrategy()
    {
        var file = CompensationReference.File;
        ChannelDimension Fluorescence(string channel) => new(channel, file, "logicle");
        var fscA = ChannelDimension.Raw("FSC-A");
        var ssc = ChannelDimension.Raw("SSC-A");
        Gate[] gates =
        [
            new PolygonGate("Cells", null, fscA, ssc, [new(20_000, 5_000), new(120_000, 5_000), new(140_000, 60_000), new(110_000, 90_000), new(40_000, 80_000), new(15_000, 40_000)]),
            new RectangleGate("Singlets", "Cells", [new DimensionBound(ChannelDimension.Raw("FSC-H"), 10_000, 130_000)]),
            new RectangleGate("Live", "Singlets", [new DimensionBound(Fluorescence("V450-A"), null, 0.55)]),
            QuadrantGate.TwoByTwo("CD3 vs CD19", "Live", Fluorescence("APC-H7-A"), 0.5, Fluorescence("PE-Cy7-A"), 0.5, "CD3-CD19-", "CD3+CD19-", "CD3-CD19+", "CD3+CD19+"),
            new PolygonGate("CD4+", "CD3+CD19-", Fluorescence("FITC-A"), Fluorescence("PE-A"), [new(0.55, 0.1), new(0.95, 0.1), new(0.95, 0.5), new(0.6, 0.45)]),
            new BooleanGate("Live not CD3+CD19+", null, BooleanOperation.And, [new BooleanOperand("Live"), new BooleanOperand("CD3+CD19+", Complement: true)]),
        ];
        return new GatingStrategy(gates, new Dictionary<string, ITransform> { ["logicle"] = _logicle });
    }

    private static double Normal(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
