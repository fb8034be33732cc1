using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CytoViability.Core.Csv;

namespace CytoViability.Cli.Tests.Run;

/// <summary>Bad inputs during a run: each is a fail row naming the file, the rest is processed, exit codes 1/2/3.</summary>
public sealed class RunFailureTests : IDisposable
{
    private readonly RunFixture _fixture = new(eventsPerFile: 1500);

    public void Dispose() => _fixture.Dispose();

    private static List<IReadOnlyList<string>> FailRows(CsvTable qc)
        => qc.Rows.Where(r => r[qc.RequireColumn("status")] == "fail" && r[qc.RequireColumn("check")] != "purity").ToList();

    [Fact]
    public void OneCorruptFile_IsAFailRow_ExitCode2_TheOthersAreRight()
    {
        var broken = _fixture.Wells[5];
        var path = Path.Combine(_fixture.Folder, broken.File);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Assert.Equal(2, _fixture.Run("out"));

        var qc = _fixture.Table("out", "qc.csv");
        var fail = Assert.Single(FailRows(qc));
        Assert.Equal((broken.File, "unreadable_file"), (fail[1], fail[2]));
        Assert.NotEmpty(fail[6]);
        var populations = _fixture.Table("out", "populations.csv");
        Assert.DoesNotContain(populations.Rows, r => r[1] == broken.File);
        foreach (var well in _fixture.Wells.Where(w => w != broken))
        {
            var viable = Assert.Single(populations.Rows, r => r[0] == well.Sample && r[2] == "viable");
            Assert.Equal(well.Viable, long.Parse(viable[4], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void AFileWhoseHeaderEndsDataOneBytePastText_IsGatedRight_WithOneFcsReaderWarnRow()
    {
        var repaired = _fixture.Wells[2];
        var path = Path.Combine(_fixture.Folder, repaired.File);
        var bytes = File.ReadAllBytes(path);
        var end = long.Parse(Encoding.ASCII.GetString(bytes, 34, 8).Trim(), CultureInfo.InvariantCulture);
        Encoding.ASCII.GetBytes((end + 1).ToString(CultureInfo.InvariantCulture).PadLeft(8)).CopyTo(bytes, 34);
        File.WriteAllBytes(path, bytes);

        Assert.Equal(0, _fixture.Run("out"));

        var qc = _fixture.Table("out", "qc.csv");
        var row = Assert.Single(qc.Rows, r => r[qc.RequireColumn("check")] == "fcs_reader");
        Assert.Equal((repaired.File, "warn"), (row[1], row[qc.RequireColumn("status")]));
        Assert.Contains("DATA", row[qc.RequireColumn("message")], StringComparison.Ordinal);
        var viable = Assert.Single(_fixture.Table("out", "populations.csv").Rows, r => r[0] == repaired.Sample && r[2] == "viable");
        Assert.Equal(repaired.Viable, long.Parse(viable[4], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EveryFileCorrupt_IsExitCode3_WithAFailRowEach()
    {
        foreach (var well in _fixture.Wells)
        {
            File.WriteAllText(Path.Combine(_fixture.Folder, well.File), "FCS3.0 nonsense");
        }

        Assert.Equal(3, _fixture.Run("out"));

        Assert.Equal(_fixture.Wells.Count, FailRows(_fixture.Table("out", "qc.csv")).Count);
    }

    [Fact]
    public void Inputs_AreByteForByteUnchanged_AfterARun()
    {
        var before = Hashes(_fixture.Folder);

        Assert.Equal(0, _fixture.Run("out"));

        Assert.Equal(before, Hashes(_fixture.Folder));
    }

    [Fact]
    public void SheetAndLinksReachingOutside_UnknownFiles_AndUnresolvableChannels_AreFailRows()
    {
        var outsideFile = SyntheticExperiment.WriteWell(_fixture.Root, "outside.fcs", "x", "D9", "1", "untreated", "none", 800, 1, new Random(3));
        File.CreateSymbolicLink(Path.Combine(_fixture.Folder, "link.fcs"), Path.Combine(_fixture.Root, outsideFile.File));
        SyntheticExperiment.WriteWell(_fixture.Folder, "extra/stray.fcs", "stray", "D1", "1", "untreated", "none", 800, 1, new Random(4));
        SyntheticExperiment.WriteWell(_fixture.Folder, "noapc.fcs", "noapc", "D1", "3", "untreated", "none", 800, 1, new Random(5), dropApc: true);
        File.AppendAllText(Path.Combine(_fixture.Folder, "samples.csv"), "../outside.fcs,up,D1,4,untreated,none\nnoapc.fcs,noapc,D1,3,untreated,none\n");

        Assert.Equal(2, _fixture.Run("out"));

        var qc = _fixture.Table("out", "qc.csv");
        var fails = FailRows(qc).Select(r => (r[1], r[2])).ToList();
        Assert.Contains(("../outside.fcs", "containment"), fails);
        Assert.Contains(("link.fcs", "containment"), fails);
        Assert.Contains(("extra/stray.fcs", "missing_metadata"), fails);
        Assert.Contains(("noapc.fcs", "unresolved_channel"), fails);
        Assert.Equal(4, fails.Count);
        var unresolved = Assert.Single(FailRows(qc), r => r[1] == "noapc.fcs");
        Assert.Contains("DDAO", unresolved[6], StringComparison.Ordinal);
        var populations = _fixture.Table("out", "populations.csv");
        Assert.DoesNotContain(populations.Rows, r => r[1] is "../outside.fcs" or "link.fcs" or "extra/stray.fcs" or "noapc.fcs");
        Assert.Equal(_fixture.Wells.Count, populations.Rows.Count(r => r[2] == "all"));
    }

    [Fact]
    public void ConditionWithoutItsControl_IsAFailRow_ExitCode2()
    {
        var sheet = Path.Combine(_fixture.Folder, "samples.csv");
        var lines = File.ReadAllLines(sheet).Where(line => !line.StartsWith("D2/D2_len_none", StringComparison.Ordinal)).ToArray();
        File.WriteAllLines(sheet, lines);
        foreach (var well in _fixture.Wells.Where(w => w.Donor == "D2" && w.Treatment == "len" && w.Antibody == "none"))
        {
            File.Delete(Path.Combine(_fixture.Folder, well.File));
        }

        Assert.Equal(2, _fixture.Run("out"));

        var fails = FailRows(_fixture.Table("out", "qc.csv"));
        Assert.Contains(fails, r => r[2] == "control_missing" && r[1] == "D2/D2_len_ritux_1.fcs");
    }

    [Fact]
    public void BrokenTemplate_IsExitCode1_WithLineAndColumn_AndNothingWritten()
    {
        File.WriteAllText(Path.Combine(_fixture.Folder, "template.yaml"), SyntheticExperiment.Template.Replace("parent: cells\n    type: rectangle", "parent: cell\n    type: rectangle", StringComparison.Ordinal));

        Assert.Equal(1, _fixture.Run("out"));

        Assert.Contains("template.yaml:19:5: error: unknown parent 'cell' of gate 'viable'", _fixture.Console, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_fixture.Output("out")));
    }

    [Fact]
    public void EarlierOutputs_AreReplacedWhole_AndRunJsonListsEveryInputHash()
    {
        Assert.Equal(0, _fixture.Run("out"));
        var manifest = File.ReadAllText(Path.Combine(_fixture.Output("out"), "run.json"));
        var runLog = File.ReadAllText(Path.Combine(_fixture.Output("out"), "run.log"));

        foreach (var well in _fixture.Wells)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_fixture.Folder, well.File))));
            Assert.Contains(hash, manifest, StringComparison.Ordinal);
            Assert.Contains(well.File, runLog, StringComparison.Ordinal);
        }

        Assert.Contains("\"sha256\": \"" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_fixture.Folder, "template.yaml")))) + "\"", manifest, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_fixture.Output("out"), "*.cvtmp", SearchOption.AllDirectories));
    }

    private static SortedDictionary<string, string> Hashes(string folder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            hashes[Path.GetRelativePath(folder, file)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return hashes;
    }
}
