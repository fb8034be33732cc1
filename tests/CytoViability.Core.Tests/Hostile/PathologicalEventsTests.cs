using System.Globalization;
using CytoViability.Core.Csv;
using CytoViability.Core.Fcs;
using CytoViability.Core.Runs;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Readable files whose events are hostile to everything after the reader (NaN, infinities, float.MaxValue,
/// denormals, all zero, all negative, no events, one event) and whose spillover cannot be inverted, run through
/// every shipped template: each run ends within its time limit, writes its tables, and every file is either
/// processed or a fail row; nothing escapes as an exception or a hang.
/// </summary>
public sealed class PathologicalEventsTests : IDisposable
{
    private static readonly string[] Channels = ["FSC-A", "FSC-H", "SSC-A", "FITC-A", "PE-A", "PerCP-Cy5-5-A", "PE-Cy7-A", "APC-A", "V450-A"];

    private const string IdentitySpill = "5,FITC-A,PE-A,PerCP-Cy5-5-A,PE-Cy7-A,APC-A,1,0.2,0,0,0,0,1,0.1,0,0,0,0,1,0,0,0,0,0,1,0,0,0,0,0,1";

    private readonly string _root = Directory.CreateTempSubdirectory("cv-pathological-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string> ShippedTemplates()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "gating-templates"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedTemplates))]
    public async Task HostileEventValues_AreProcessedOrFailRows_NeverAnExceptionOrAHang(string template)
    {
        var folder = Path.Combine(_root, Path.GetFileNameWithoutExtension(template));
        var files = new Dictionary<string, (Func<int, int, float> Value, int Events, string Spill)>
        {
            ["normal.fcs"] = ((e, c) => (float)(1000 + ((e * 7919 + c * 104729) % 200000)), 400, IdentitySpill),
            ["nan.fcs"] = ((_, _) => float.NaN, 200, IdentitySpill),
            ["infinities.fcs"] = ((e, _) => e % 2 == 0 ? float.PositiveInfinity : float.NegativeInfinity, 200, IdentitySpill),
            ["max-value.fcs"] = ((e, _) => e % 2 == 0 ? float.MaxValue : -float.MaxValue, 200, IdentitySpill),
            ["denormal.fcs"] = ((_, _) => float.Epsilon, 200, IdentitySpill),
            ["zeros.fcs"] = ((_, _) => 0f, 200, IdentitySpill),
            ["negative.fcs"] = ((e, _) => -1000f - e, 200, IdentitySpill),
            ["no-events.fcs"] = ((_, _) => 1f, 0, IdentitySpill),
            ["one-event.fcs"] = ((_, _) => 50000f, 1, IdentitySpill),
            ["mixed-nan.fcs"] = ((e, c) => e % 3 == 0 ? float.NaN : 1000f * (c + 1), 300, IdentitySpill),
            ["singular-spill.fcs"] = ((e, c) => 1000f + e + c, 200, "5,FITC-A,PE-A,PerCP-Cy5-5-A,PE-Cy7-A,APC-A," + string.Join(',', Enumerable.Repeat("1", 25))),
            ["nan-spill.fcs"] = ((e, c) => 1000f + e + c, 200, "5,FITC-A,PE-A,PerCP-Cy5-5-A,PE-Cy7-A,APC-A," + string.Join(',', Enumerable.Repeat("NaN", 25))),
        };
        foreach (var (name, (value, events, spill)) in files)
        {
            Write(Path.Combine(folder, name), value, events, spill);
        }

        // One donor; normal.fcs is the control (or reference) well of the template's assay, every hostile file a
        // condition matched against it, so the hostile values reach gating, statistics and the assay formulas.
        var (column, control) = template switch
        {
            "adcc-killing.yaml" => ("antibody", "none"),
            "gamma-delta-killing.yaml" => ("effector", "none"),
            _ => ("treatment", "untreated"),
        };
        var sheet = Path.Combine(folder, "samples.csv");
        File.WriteAllText(sheet, "file,donor," + column + "\n" + string.Join('\n', files.Keys.Select(name => name + ",D1," + (name == "normal.fcs" ? control : "treated"))) + "\n");
        var output = Path.Combine(_root, "out-" + template);
        var request = new RunRequest(folder, Path.Combine(TestPaths.RepositoryRoot, "gating-templates", template), sheet, output, Threads: 2);
        var run = Task.Run(() => BatchRun.Execute(request, SilentRunObserver.Instance));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)) == run;

        Assert.True(finished, template + ": the run did not finish within 60 s");
        var outcome = await run;
        var qc = CsvReader.ReadFile(Path.Combine(output, "qc.csv"));
        Assert.True(
            outcome.Status is RunStatus.Success or RunStatus.SomeInputsFailed,
            template + ": " + outcome.Status + " " + string.Join("; ", outcome.Problems) + "\n" + string.Join("\n", qc.Rows.Where(row => row[qc.RequireColumn("status")] == "fail").Select(row => string.Join(",", row))));
        var populations = CsvReader.ReadFile(Path.Combine(output, "populations.csv"));
        var processed = populations.Rows.Select(row => row[populations.RequireColumn("file")]).ToHashSet();
        var failed = qc.Rows.Where(row => row[qc.RequireColumn("status")] == "fail").Select(row => row[qc.RequireColumn("file")]).ToHashSet();
        foreach (var name in files.Keys)
        {
            Assert.True(processed.Contains(name) || failed.Contains(name), template + ": " + name + " is neither processed nor a fail row");
        }

        Assert.Contains("normal.fcs", processed);
        foreach (var row in qc.Rows.Where(row => row[qc.RequireColumn("status")] == "fail"))
        {
            Assert.DoesNotContain("   at ", row[qc.RequireColumn("message")], StringComparison.Ordinal);
        }
    }

    private static void Write(string path, Func<int, int, float> value, int events, string spill)
    {
        var columns = new float[Channels.Length][];
        for (var c = 0; c < Channels.Length; c++)
        {
            columns[c] = new float[events];
            for (var e = 0; e < events; e++)
            {
                columns[c][e] = value(e, c);
            }
        }

        var parameters = Channels.Select(name => new FcsWriteParameter(name, null, 262144)).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        FcsWriter.Write(stream, new FcsWriteDataSet(parameters, columns, [new("SPILL", spill), new("$FIL", Path.GetFileName(path)), new("TUBE NAME", events.ToString(CultureInfo.InvariantCulture))]), new FcsWriterOptions { FacsDivaLayout = true });
    }
}
