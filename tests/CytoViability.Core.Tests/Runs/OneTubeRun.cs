using CytoViability.Core.Csv;
using CytoViability.Core.Fcs;
using CytoViability.Core.Runs;

namespace CytoViability.Core.Tests.Runs;

/// <summary>
/// A DiOC6/PI viability experiment of hand-built tubes with known truth, run through the whole engine: 1,000 cells
/// (FSC-A 50,000), 870 live (DiOC6 20,000, PI 100) and 130 dead (DiOC6 500, PI 20,000), recorded through a spillover
/// of FITC into PE of 0.5 (observed PE = PI + 0.5·DiOC6). Compensated, 87 % of cells are live (PI below 1,000);
/// uncompensated, every live cell's PE is 10,100 and viability is 0 %.
/// </summary>
internal sealed class OneTubeRun : IDisposable
{
    public const int Events = 1000;
    public const int Live = 870;

    public const string Template = """
        name: viability
        channels:
          FSC-A: FSC-A
          DiOC6: { marker: [DiOC6, "DiOC6(3)"], detector: FITC-A }
          PI: { marker: [PI, Propidium iodide], detector: [PE-A, PerCP-Cy5-5-A] }
        compensation: file
        gates:
          - { id: cells, type: range, channel: FSC-A, min: 20000 }
          - { id: live, parent: cells, type: range, channel: PI, max: 1000 }
        statistics:
          populations: [cells, live]
          mfi:
            live: [DiOC6]
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("cv-tube-").FullName;
    private readonly List<string> _files = [];

    public string Folder => Path.Combine(_root, "experiment");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The events of one tube: FSC-A, FITC-A (observed), PE-A (observed), in that order.</summary>
    public static float[][] Columns()
    {
        var columns = new[] { new float[Events], new float[Events], new float[Events] };
        for (var e = 0; e < Events; e++)
        {
            var live = e < Live;
            var dioc6 = live ? 20000f : 500f;
            var pi = live ? 100f : 20000f;
            columns[0][e] = 50000f;
            columns[1][e] = dioc6;
            columns[2][e] = pi + (0.5f * dioc6);
        }

        return columns;
    }

    /// <summary>Writes a tube with the given labels ($PnS of FITC-A and PE-A; null = none) and SPILL text.</summary>
    public void Tube(string name, string? fitcLabel, string? peLabel, string? spill, float[][]? columns = null)
    {
        Directory.CreateDirectory(Folder);
        var keywords = new List<KeyValuePair<string, string>>();
        if (spill is not null)
        {
            keywords.Add(new("SPILL", spill));
        }

        FcsWriter.WriteFile(Path.Combine(Folder, name), new FcsWriteDataSet(
            [new FcsWriteParameter("FSC-A", null, 262144), new FcsWriteParameter("FITC-A", fitcLabel, 262144), new FcsWriteParameter("PE-A", peLabel, 262144)],
            columns ?? Columns(),
            keywords), new FcsWriterOptions { FacsDivaLayout = true });
        _files.Add(name);
    }

    /// <summary>Runs the experiment with <see cref="Template"/> (or another) and a sheet naming every tube as donor D1.</summary>
    public RunResult Run(string template = Template)
    {
        File.WriteAllText(Path.Combine(_root, "template.yaml"), template);
        var sheet = Path.Combine(_root, "samples.csv");
        File.WriteAllText(sheet, "file,sample,donor\n" + string.Concat(_files.Select(f => f + "," + Path.GetFileNameWithoutExtension(f) + ",D1\n")));
        var output = Path.Combine(_root, "out");
        var outcome = BatchRun.Execute(new RunRequest(Folder, Path.Combine(_root, "template.yaml"), sheet, output, Threads: 1), SilentRunObserver.Instance);
        Assert.True(outcome.Problems.Count == 0, string.Join("\n", outcome.Problems));
        return new RunResult(CsvReader.ReadFile(Path.Combine(output, "qc.csv")), CsvReader.ReadFile(Path.Combine(output, "populations.csv")));
    }
}

/// <summary>qc.csv and populations.csv of a finished run, with look-ups by file.</summary>
internal sealed record RunResult(CsvTable Qc, CsvTable Populations)
{
    /// <summary>(status, value, message) of every qc.csv row of <paramref name="file"/> for <paramref name="check"/>.</summary>
    public List<(string Status, string Value, string Message)> QcRows(string file, string check) =>
        [.. Qc.Rows.Where(r => r[Qc.RequireColumn("file")] == file && r[Qc.RequireColumn("check")] == check)
            .Select(r => (r[Qc.RequireColumn("status")], r[Qc.RequireColumn("value")], r[Qc.RequireColumn("message")]))];

    /// <summary>percent_parent of <paramref name="population"/> in <paramref name="file"/>; null when the file was not gated.</summary>
    public double? PercentParent(string file, string population)
    {
        var row = Populations.Rows.FirstOrDefault(r => r[Populations.RequireColumn("file")] == file && r[Populations.RequireColumn("population")] == population);
        return row is null ? null : double.Parse(row[Populations.RequireColumn("percent_parent")], System.Globalization.CultureInfo.InvariantCulture);
    }
}
