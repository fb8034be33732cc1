using System.Text.Json;
using CytoViability.Core.Fcs;

using static CytoViability.Cli.Tests.Fcs.CorpusCommand;

namespace CytoViability.Cli.Tests.Hostile;

/// <summary>
/// Issue 14: `inspect` and `export` on files a careless export or a hostile hand wrote (a spillover holding NaN,
/// non-finite events): the commands finish with one clear line naming the file, never an unhandled exception.
/// </summary>
public sealed class HostileFcsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cv-hostile-fcs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFile(string name, float[][] columns, string spill, string? fitcLabel = null, string? peLabel = null)
    {
        var path = Path.Combine(_folder, name);
        FcsWriter.WriteFile(path, new FcsWriteDataSet(
            [new FcsWriteParameter("FSC-A", null, 262144), new FcsWriteParameter("FITC-A", fitcLabel, 262144), new FcsWriteParameter("PE-A", peLabel, 262144)],
            columns,
            [new("SPILL", spill)]), new FcsWriterOptions { FacsDivaLayout = true });
        return path;
    }

    [Fact]
    public void Inspect_json_of_a_spillover_holding_nan_writes_the_value_as_the_string_NaN()
    {
        var path = WriteFile("nan-spill.fcs", [[1f, 2f], [3f, 4f], [5f, 6f]], "2,FITC-A,PE-A,1,nan,0.02,1");

        var (exit, output, error) = RunCli("inspect", path, "--json");

        Assert.True(exit == 0, error);
        var rows = JsonDocument.Parse(output).RootElement.GetProperty("dataSets")[0].GetProperty("spillover").GetProperty("rows");
        Assert.Equal(1, rows[0][0].GetDouble());
        Assert.Equal("NaN", rows[0][1].GetString());
        Assert.Equal(0.02, rows[1][0].GetDouble());
    }

    [Fact]
    public void Export_compensate_with_a_nan_spillover_names_the_file()
    {
        var path = WriteFile("nan-spill.fcs", [[1f, 2f], [3f, 4f], [5f, 6f]], "2,FITC-A,PE-A,1,nan,0.02,1");

        var (exit, _, error) = RunCli("export", path, "--out", Path.Combine(_folder, "x.csv"), "--compensate");

        Assert.Equal(3, exit);
        var line = Assert.Single(error.TrimEnd().Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains("non-finite", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_stats_counts_the_non_finite_events_of_every_channel_in_text_and_json()
    {
        // FSC-A: one NaN of four; FITC-A: +Inf and −Inf; PE-A: all finite (mean of 1, 2, 3, 4 = 2.5).
        var path = WriteFile("nonfinite.fcs", [[float.NaN, 2f, 4f, 6f], [float.PositiveInfinity, 1f, float.NegativeInfinity, 3f], [1f, 2f, 3f, 4f]], "2,FITC-A,PE-A,1,0,0,1");

        var (exit, output, error) = RunCli("inspect", path, "--json", "--stats");
        Assert.True(exit == 0, error);
        var parameters = JsonDocument.Parse(output).RootElement.GetProperty("dataSets")[0].GetProperty("parameters");
        Assert.Equal([1, 2, 0], parameters.EnumerateArray().Select(p => p.GetProperty("nonFinite").GetInt32()));
        Assert.Equal(4, parameters[0].GetProperty("mean").GetDouble());
        Assert.Equal(2, parameters[1].GetProperty("mean").GetDouble());
        Assert.Equal(2.5, parameters[2].GetProperty("mean").GetDouble());

        var (_, text, _) = RunCli("inspect", path, "--stats");
        Assert.Contains("\tmin\tmax\tmean\tnon-finite", text, StringComparison.Ordinal);
        Assert.Contains("\t2\t6\t4\t1", text, StringComparison.Ordinal);
        Assert.Contains("\t1\t3\t2\t2", text, StringComparison.Ordinal);
        Assert.Contains("\t1\t4\t2.5\t0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_compensate_maps_a_spill_naming_stains_as_run_does_and_refuses_names_the_file_lacks()
    {
        // True FITC, PE = (100, 200); spillover FITC→PE 0.5, PE→FITC 0.25: observed FITC = 150, PE = 250.
        var stains = WriteFile("stains.fcs", [[1000f], [150f], [250f]], "2,DiOC6,PI,1,0.5,0.25,1", "DiOC6", "PI");
        var csv = Path.Combine(_folder, "stains.csv");

        var (exit, _, error) = RunCli("export", stains, "--out", csv, "--compensate");

        Assert.True(exit == 0, error);
        var values = File.ReadAllLines(csv)[1].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(100, values[1], 1e-9);
        Assert.Equal(200, values[2], 1e-9);
        Assert.Contains("DiOC6 → FITC-A", error, StringComparison.Ordinal);

        var foo = WriteFile("foo.fcs", [[1000f], [150f], [250f]], "2,FOO0,FOO1,1,0.5,0.25,1");
        (exit, _, error) = RunCli("export", foo, "--out", Path.Combine(_folder, "foo.csv"), "--compensate");
        Assert.Equal(3, exit);
        Assert.Contains(foo + ": the file's spillover matrix names FOO0, FOO1", error, StringComparison.Ordinal);
    }
}
