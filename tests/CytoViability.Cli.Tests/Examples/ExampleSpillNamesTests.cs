using System.Globalization;
using CytoViability.Core.Fcs;

namespace CytoViability.Cli.Tests.Examples;

/// <summary>
/// Issue 14 item 1 on the shipped viability example: the same tubes whose SPILL names the stains (DiOC6, PI) instead
/// of their detectors still recover the generator's viability (truth.csv, 4 binomial s.e.), each with one
/// compensation warn row saying how the matrix was mapped; a SPILL naming detectors the tubes lack fails every file.
/// </summary>
public sealed class ExampleSpillNamesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cv-spill-names-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Copies the viability example, rewriting every tube's SPILL channel names with <paramref name="rename"/>.</summary>
    private string CopyWithSpillNames(string name, Func<string, string> rename)
    {
        var source = ExampleRunFixture.ExampleFolder("viability");
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        foreach (var path in Directory.GetFiles(source))
        {
            var target = Path.Combine(folder, Path.GetFileName(path));
            if (!path.EndsWith(".fcs", StringComparison.Ordinal))
            {
                File.Copy(path, target);
                continue;
            }

            var dataSet = FcsReader.ReadFile(path).DataSets[0];
            var spill = dataSet.Keywords["SPILL"]!.Split(',');
            var count = int.Parse(spill[0], CultureInfo.InvariantCulture);
            for (var i = 1; i <= count; i++)
            {
                spill[i] = rename(spill[i]);
            }

            var keywords = dataSet.Keywords.Where(k => !k.Key.StartsWith('$') && k.Key != "SPILL").Append(new("SPILL", string.Join(',', spill))).ToList();
            var parameters = dataSet.Parameters.Select(p => new FcsWriteParameter(p.Name, p.Stain, p.Range, p.Gain, p.Voltage)).ToList();
            var columns = Enumerable.Range(0, parameters.Count).Select(dataSet.Column).ToList();
            FcsWriter.WriteFile(target, new FcsWriteDataSet(parameters, columns, keywords), new FcsWriterOptions { FacsDivaLayout = true });
        }

        return folder;
    }

    private static RunOutputs Run(string folder)
    {
        var output = folder + "-out";
        var console = new StringWriter();
        var exit = CliApp.Run(["run", folder, "--out", output, "--no-report", "--threads", "2"], console, console);
        return new RunOutputs(output, exit, console.ToString());
    }

    [Fact]
    public void Tubes_whose_SPILL_names_the_stains_recover_the_true_viability_with_a_note_per_tube()
    {
        var folder = CopyWithSpillNames("stains", name => name switch { "FITC-A" => "DiOC6", "PE-A" => "PI", _ => name });

        var run = Run(folder);

        Assert.True(run.ExitCode == 0, run.Log);
        var truth = TruthTable.Read(folder);
        var viable = run.Population("viable");
        Assert.Equal(9, viable.Count);
        foreach (var (sample, row) in viable)
        {
            var expected = truth.File(sample + ".fcs", "percent_viable");
            var n = RunOutputs.Number(row, "parent_count");
            var se = 100 * Math.Sqrt(expected / 100 * (1 - (expected / 100)) / n);
            var measured = RunOutputs.Number(row, "percent_parent");
            Assert.True(Math.Abs(measured - expected) <= 4 * se, $"{sample}: measured {measured:0.###}, truth {expected:0.###}");
        }

        var notes = run.Table("qc.csv").Where(r => r["check"] == "compensation").ToList();
        Assert.Equal(9, notes.Count);
        Assert.All(notes, r => Assert.Equal("warn", r["status"]));
        Assert.All(notes, r => Assert.Contains("DiOC6 → FITC-A, PI → PE-A", r["message"], StringComparison.Ordinal));
    }

    [Fact]
    public void Tubes_whose_SPILL_names_detectors_they_lack_are_compensation_fails_not_silent_uncompensated_results()
    {
        var folder = CopyWithSpillNames("foo", name => "FOO" + name);

        var run = Run(folder);

        Assert.Equal(3, run.ExitCode);
        var fails = run.Table("qc.csv").Where(r => r["check"] == "compensation" && r["status"] == "fail").ToList();
        Assert.Equal(9, fails.Count);
        Assert.All(fails, r => Assert.Contains("FOOFITC-A", r["message"], StringComparison.Ordinal));
    }
}
