using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CytoViability.Core.Fcs;

using static CytoViability.Cli.Tests.Fcs.CorpusCommand;

namespace CytoViability.Cli.Tests.Fcs;

public sealed class ExportCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cv-export-" + Guid.NewGuid().ToString("N"));

    public ExportCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (string[] Header, string[][] Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToArray());
    }

    /// <summary>sha256 of the CSV's numbers as little-endian float64, event by event (the reference's layout).</summary>
    private static string Sha256(string[][] rows, bool asFloat32)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[8];
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                var value = asFloat32
                    ? float.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
                BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
                hash.AppendData(buffer);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [Theory]
    [InlineData("RGLab__CytoML/124500.fcs", true)]
    [InlineData("whitews__FlowIO/3FITC_4PE_004.fcs", false)]
    [InlineData("taborlab__FlowCal/Data003.fcs", false)]
    [InlineData("bpteague__cytoflow/double-(-4.5)_20_test_file.fcs", false)]
    public void Export_Raw_CsvParsesBackToTheReferenceEventMatrix(string file, bool float32)
    {
        var csv = Path.Combine(_folder, "events.csv");
        var (exit, _, _) = RunCli("export", Corpus(file), "--out", csv);
        Assert.Equal(0, exit);

        var (header, rows) = ReadCsv(csv);
        var reference = Reference(file);
        Assert.Equal(reference.GetProperty("pnn").EnumerateArray().Select(e => e.GetString()), header);
        Assert.Equal(reference.GetProperty("tot").GetInt32(), rows.Length);
        Assert.Equal(reference.GetProperty("events").GetProperty("sha256_f64le").GetString(), Sha256(rows, float32));
    }

    [Fact]
    public void Export_Float32_EveryValueParsesBackToTheSameBits()
    {
        var csv = Path.Combine(_folder, "events.csv");
        Assert.Equal(0, RunCli("export", Corpus("DillonHammill__CytoExploreRData/7AAD.fcs"), "--out", csv).Exit);
        var dataSet = FcsReader.ReadFile(Corpus("DillonHammill__CytoExploreRData/7AAD.fcs")).DataSets[0];
        var (_, rows) = ReadCsv(csv);
        for (var e = 0; e < rows.Length; e++)
        {
            for (var c = 0; c < rows[e].Length; c++)
            {
                var parsed = float.Parse(rows[e][c], NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.Equal(BitConverter.SingleToUInt32Bits(dataSet.Column(c)[e]), BitConverter.SingleToUInt32Bits(parsed));
            }
        }
    }

    [Fact]
    public void Export_SecondDataSet_MatchesTheReferenceForDataSet1()
    {
        const string file = "bpteague__cytoflow/Beckman Coulter - Gallios.LMD";
        var csv = Path.Combine(_folder, "set1.csv");
        Assert.Equal(0, RunCli("export", Corpus(file), "--out", csv, "--dataset", "1").Exit);
        var (_, rows) = ReadCsv(csv);
        var expected = Reference(file).GetProperty("datasets")[1].GetProperty("events").GetProperty("sha256_f64le").GetString();
        Assert.Equal(expected, Sha256(rows, asFloat32: false));
    }

    [Fact]
    public void Export_ScaleChannel_LogDecodesAndDividesByGain()
    {
        var csv = Path.Combine(_folder, "scale.csv");
        Assert.Equal(0, RunCli("export", Path.Combine(TestPaths.GatingMl2, "data1.fcs"), "--out", csv, "--scale", "channel").Exit);
        var (header, rows) = ReadCsv(csv);
        Assert.Equal(["FSC-H", "SSC-H", "FL1-H", "FL2-H", "FL3-H", "FL2-A", "FL4-H", "Time"], header);

        // First event raw channels: 323, 218, 220, 394, 267, 5, 183, 0; FSC $PnG 3.67, SSC $PnG 8, FL*-H $PnE 4,0 of 1024.
        double[] expected = [323 / 3.67, 218 / 8.0, Math.Pow(10, 4.0 * 220 / 1024), Math.Pow(10, 4.0 * 394 / 1024), Math.Pow(10, 4.0 * 267 / 1024), 5, Math.Pow(10, 4.0 * 183 / 1024), 0];
        Assert.Equal(expected, rows[0].Select(f => double.Parse(f, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Export_Compensate_RecoversTheTrueValuesThroughTheInverseSpillover()
    {
        // True FITC, PE = (100, 200) and (40, -8); spillover FITC→PE 0.5, PE→FITC 0.25:
        // observed FITC = 100 + 0.25·200 = 150, PE = 0.5·100 + 200 = 250; FITC = 40 − 2 = 38, PE = 20 − 8 = 12.
        var fcs = Path.Combine(_folder, "comp.fcs");
        FcsWriter.WriteFile(fcs, new FcsWriteDataSet(
            [new FcsWriteParameter("FSC-A", null, 262144), new FcsWriteParameter("FITC-A", null, 262144), new FcsWriteParameter("PE-A", null, 262144)],
            [[1000f, 2000f], [150f, 38f], [250f, 12f]],
            [new("SPILL", "2,FITC-A,PE-A,1,0.5,0.25,1")]), new FcsWriterOptions { FacsDivaLayout = true });
        var csv = Path.Combine(_folder, "comp.csv");
        Assert.Equal(0, RunCli("export", fcs, "--out", csv, "--compensate").Exit);

        var (_, rows) = ReadCsv(csv);
        var values = rows.Select(r => r.Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(1000, values[0][0]);
        Assert.Equal(100, values[0][1], 1e-9);
        Assert.Equal(200, values[0][2], 1e-9);
        Assert.Equal(40, values[1][1], 1e-9);
        Assert.Equal(-8, values[1][2], 1e-9);
    }

    [Fact]
    public void Export_CompensateWithoutSpillover_ExitsOneWithOneLine()
    {
        var (exit, _, error) = RunCli("export", Corpus("taborlab__FlowCal/Data002.fcs"), "--out", Path.Combine(_folder, "x.csv"), "--compensate");
        Assert.Equal(1, exit);
        Assert.Contains("no spillover", Assert.Single(error.TrimEnd().Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "x.csv")));
    }

    [Fact]
    public void Export_CompensateWithAmbiguousDecimalCommaSpill_ExitsThree()
    {
        var fcs = Path.Combine(_folder, "comma.fcs");
        FcsWriter.WriteFile(fcs, new FcsWriteDataSet(
            [new FcsWriteParameter("FITC-A", null, 262144), new FcsWriteParameter("PE-A", null, 262144)],
            [[1f], [2f]],
            [new("SPILL", "2,FITC-A,PE-A,1,0,25,0,02,1")]));
        var (exit, _, error) = RunCli("export", fcs, "--out", Path.Combine(_folder, "comma.csv"), "--compensate");
        Assert.Equal(3, exit);
        Assert.Contains("ambiguous", Assert.Single(error.TrimEnd().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_DataSetThatDoesNotExist_ExitsOne()
    {
        var (exit, _, error) = RunCli("export", Corpus("taborlab__FlowCal/Data002.fcs"), "--out", Path.Combine(_folder, "x.csv"), "--dataset", "1");
        Assert.Equal(1, exit);
        Assert.Contains("--dataset 1 does not exist", Assert.Single(error.TrimEnd().Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_TruncatedFile_ExitsThreeAndWritesNothing()
    {
        var fcs = Path.Combine(_folder, "cut.fcs");
        var bytes = File.ReadAllBytes(Corpus("whitews__FlowKit/index_sorted_example.fcs"));
        File.WriteAllBytes(fcs, bytes[..(bytes.Length / 2)]);
        var csv = Path.Combine(_folder, "cut.csv");
        var (exit, _, error) = RunCli("export", fcs, "--out", csv);
        Assert.Equal(3, exit);
        Assert.Contains("DATA segment", Assert.Single(error.TrimEnd().Split('\n')), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "*.csv*"));
    }

    [Fact]
    public void Export_UnknownScale_ExitsOneWithTheErrorAndNoHelpPage()
    {
        var (exit, output, error) = RunCli("export", Corpus("taborlab__FlowCal/Data002.fcs"), "--out", Path.Combine(_folder, "x.csv"), "--scale", "log");
        Assert.Equal(1, exit);
        Assert.Contains("'log' not recognized", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "x.csv")));
    }
}
