using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CytoViability.Core.Fcs;
using CytoViability.Core.Runs;

namespace CytoViability.Benchmarks.Runs;

/// <summary>
/// A whole `cytoviability run` (parse, compensate, transform, gate, statistics, assays, CSV; no report) of
/// 384 files × 50,000 events × 12 channels with the shipped ADCC template, on two worker threads.
/// The files are written once per benchmark process into a temporary folder.
/// </summary>
[MemoryDiagnoser]
public class WholeRunBenchmark
{
    private const int Files = 384;
    private const int Events = 50_000;

    private static readonly string[] Channels =
        ["FSC-A", "FSC-H", "SSC-A", "FITC-A", "PE-A", "PerCP-Cy5-5-A", "PE-Cy7-A", "APC-A", "APC-Cy7-A", "V450-A", "V500-A", "Time"];

    private string _root = string.Empty;
    private string _folder = string.Empty;
    private string _template = string.Empty;

    [GlobalSetup]
    public void WriteExperiment()
    {
        _root = Directory.CreateTempSubdirectory("cv-bench-run-").FullName;
        _folder = Path.Combine(_root, "adcc");
        Directory.CreateDirectory(_folder);
        _template = FindShippedTemplate("adcc-killing.yaml");
        var sheet = new StringBuilder("file,donor,replicate,antibody,treatment\n");
        var antibodies = new[] { "none", "b12", "rituximab", "ofatumumab", "daratumumab", "none", "rituximab", "ofatumumab" };
        var state = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < Files; i++)
        {
            var donor = "D" + ((i / 48) + 1).ToString("00", CultureInfo.InvariantCulture);
            var antibody = antibodies[i % antibodies.Length];
            var treatment = (i / 8) % 2 == 0 ? "untreated" : "lenalidomide";
            var replicate = ((i / 16) % 3) + 1;
            var file = donor + "/" + donor + "_" + i.ToString("000", CultureInfo.InvariantCulture) + ".fcs";
            WriteFile(Path.Combine(_folder, file), antibody == "none" ? 0.15 : 0.45, ref state);
            sheet.Append(file).Append(',').Append(donor).Append(',').Append(replicate).Append(',').Append(antibody).Append(',').Append(treatment).Append('\n');
        }

        File.WriteAllText(Path.Combine(_folder, "samples.csv"), sheet.ToString());
    }

    [GlobalCleanup]
    public void DeleteExperiment() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public object Run384Files()
    {
        var request = new RunRequest(_folder, _template, Path.Combine(_folder, "samples.csv"), Path.Combine(_root, "out"), Threads: 2);
        return BatchRun.Execute(request, SilentRunObserver.Instance);
    }

    /// <summary>DDAO+ targets (3 %) among effectors, PI+ dead, 20 % FITC spill into PE, values as a FACSCanto writes them.</summary>
    internal static void WriteFile(string path, double deadTargets, ref ulong state)
    {
        var columns = new float[Channels.Length][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new float[Events];
        }

        for (var e = 0; e < Events; e++)
        {
            var fsc = (float)(30000 + (120000 * Next(ref state)));
            var target = Next(ref state) < 0.03;
            var dead = Next(ref state) < (target ? deadTargets : 0.1);
            var fitc = (float)(200 + (3000 * Next(ref state)));
            columns[0][e] = fsc;
            columns[1][e] = fsc * (float)(0.75 + (0.2 * Next(ref state)));
            columns[2][e] = (float)(10000 + (70000 * Next(ref state)));
            columns[3][e] = fitc;
            columns[4][e] = (float)((dead ? 8000 + (50000 * Next(ref state)) : -300 + (1000 * Next(ref state))) + (0.2 * fitc));
            columns[7][e] = (float)(target ? 20000 + (80000 * Next(ref state)) : -300 + (1100 * Next(ref state)));
            foreach (var c in new[] { 5, 6, 8, 9, 10 })
            {
                columns[c][e] = (float)(-200 + (2000 * Next(ref state)));
            }

            columns[11][e] = e * 0.01f;
        }

        var parameters = new List<FcsWriteParameter>();
        foreach (var channel in Channels)
        {
            parameters.Add(new FcsWriteParameter(channel, channel switch { "APC-A" => "DDAO", "PE-A" => "PI", _ => null }, 262144));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FcsWriter.WriteFile(path, new FcsWriteDataSet(parameters, columns, [new("$CYT", "FACSCantoII"), new("SPILL", "2,FITC-A,PE-A,1,0.2,0,1")]), new FcsWriterOptions { FacsDivaLayout = true, BigEndian = true, Version = "3.0" });
    }

    private static double Next(ref ulong state)
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return (state >> 11) * (1.0 / (1UL << 53));
    }

    internal static string FindShippedTemplate(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "gating-templates", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("gating-templates/" + name + " not found above " + AppContext.BaseDirectory);
    }
}
