using System.Text;
using CytoViability.Core.Examples;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Examples;

public sealed class ExampleFcsFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cv-example-fcs-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void WrittenTube_ReadBack_HasTheFacsDivaKeywordsParametersAndEventsBitForBit()
    {
        var experiment = ExampleDesigns.Build(new ExampleOptions()).Single(e => e.Folder == "cd40l-mfi");
        var tube = TubeSimulator.Simulate(experiment.Tubes[1]);
        var bytes = Write(experiment, tube);

        var dataSet = Assert.Single(FcsReader.Read(bytes, "example").DataSets);

        Assert.Equal("3.0", dataSet.Version);
        Assert.Equal(tube.Labels.Length, dataSet.EventCount);
        Assert.Equal("FACSCanto II", dataSet.Keywords["$CYT"]);
        Assert.Equal("BD FACSDiva Software Version 8.0.1", dataSet.Keywords["CREATOR"]);
        Assert.Equal("CD40L_LEN", dataSet.Keywords["TUBE NAME"]);
        Assert.Equal("CLL01", dataSet.Keywords["$SRC"]);
        Assert.Equal("CLL CD40L MFI", dataSet.Keywords["EXPERIMENT NAME"]);
        Assert.Equal("CLL01_CD40L_LEN_002.fcs", dataSet.Keywords["$FIL"]);
        Assert.Equal("24-MAR-2025", dataSet.Keywords["$DATE"]);
        Assert.Matches("^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$", dataSet.Keywords["$BTIM"]);
        Assert.True(string.CompareOrdinal(dataSet.Keywords["$ETIM"], dataSet.Keywords["$BTIM"]) > 0);
        Assert.Equal("0.01", dataSet.Keywords["$TIMESTEP"]);
        Assert.Equal("F", dataSet.Keywords["$DATATYPE"]!.Trim());
        Assert.Equal("4,3,2,1", dataSet.Keywords["$BYTEORD"]!.Trim());
        Assert.StartsWith("8,FITC-A,PE-A,PerCP-Cy5-5-A,PE-Cy7-A,APC-A,APC-Cy7-A,V450-A,V500-A,1,0.215,", dataSet.Keywords["SPILL"], StringComparison.Ordinal);

        string[] names = ["FSC-A", "FSC-H", "FSC-W", "SSC-A", "SSC-H", "SSC-W", "FITC-A", "PE-A", "PerCP-Cy5-5-A", "PE-Cy7-A", "APC-A", "APC-Cy7-A", "V450-A", "V500-A", "Time"];
        Assert.Equal(names, dataSet.Parameters.Select(p => p.Name));
        Assert.All(dataSet.Parameters, p => Assert.Equal(262144, p.Range));
        Assert.All(dataSet.Parameters, p => Assert.Equal(32, p.Bits));
        Assert.Equal("CD40L", dataSet.Parameters[7].Stain);
        Assert.Equal("PI", dataSet.Parameters[8].Stain);
        Assert.Null(dataSet.Parameters[6].Stain);
        Assert.Equal(0.01, dataSet.Parameters[14].Gain);
        Assert.Equal(437, dataSet.Parameters[7].Voltage);
        Assert.Equal(7, dataSet.FindParameter("CD40L"));

        for (var c = 0; c < names.Length; c++)
        {
            Assert.Equal(tube.Columns[c], dataSet.Column(c));
        }

        var spill = Assert.IsType<global::CytoViability.Core.Fcs.SpilloverMatrix>(dataSet.Spillover);
        Assert.Equal(8, spill.Size);
        for (var row = 0; row < 8; row++)
        {
            for (var column = 0; column < 8; column++)
            {
                Assert.Equal(CantoII.Spillover[row, column], spill[row, column], 12);
            }
        }
    }

    [Fact]
    public void WrittenTube_Bytes_FollowTheFacsDivaLayout()
    {
        var experiment = ExampleDesigns.Build(new ExampleOptions()).Single(e => e.Folder == "viability");
        var bytes = Write(experiment, TubeSimulator.Simulate(experiment.Tubes[0]));

        Assert.Equal("FCS3.0", Encoding.ASCII.GetString(bytes, 0, 6));
        Assert.Equal(256, int.Parse(Encoding.ASCII.GetString(bytes, 10, 8).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0x0C, bytes[256]);
        Assert.Equal("00000000", Encoding.ASCII.GetString(bytes, bytes.Length - 8, 8));
    }

    [Fact]
    public void Write_SmallOptions_WritesSixFoldersPerDayWithSheetsThatNameEveryFile()
    {
        var summaries = ExampleExperiments.Write(_root, new ExampleOptions { Donors = 1, Events = 200 });

        string[] day = ["viability", "fasl-trail", "adcc", "gamma-delta", "purity", "cd40l-mfi"];
        Assert.Equal([.. day, .. day.Select(f => f + "-day2")], summaries.Select(s => Path.GetFileName(s.Folder)));
        foreach (var summary in summaries)
        {
            var fcs = Directory.GetFiles(summary.Folder, "*.fcs").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            var sheet = File.ReadAllLines(Path.Combine(summary.Folder, "samples.csv"));
            Assert.StartsWith("file,sample,donor", sheet[0], StringComparison.Ordinal);
            Assert.Equal(fcs, sheet.Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
            Assert.Equal(summary.Files, fcs.Count);
            Assert.Contains("template: " + Path.GetFileNameWithoutExtension(summary.Template), File.ReadAllText(Path.Combine(summary.Folder, "experiment.yaml")), StringComparison.Ordinal);
            Assert.StartsWith("level,file,donor,", File.ReadLines(Path.Combine(summary.Folder, "truth.csv")).First(), StringComparison.Ordinal);
            foreach (var file in fcs)
            {
                var dataSet = FcsReader.ReadFile(Path.Combine(summary.Folder, file!)).DataSets[0];
                Assert.Equal(file, dataSet.Keywords["$FIL"]);
            }
        }

        Assert.Empty(Directory.EnumerateFiles(_root, "*.cvtmp", SearchOption.AllDirectories));
        Assert.DoesNotContain("re-set-up", File.ReadAllText(Path.Combine(_root, "viability", "experiment.yaml")), StringComparison.Ordinal);
        var secondDay = File.ReadAllText(Path.Combine(_root, "viability-day2", "experiment.yaml"));
        Assert.Contains("re-set-up", secondDay, StringComparison.Ordinal);
        Assert.Contains("FITC-A 0.3x (406 V), PE-A 2.6x (501 V)", secondDay, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NamedExperimentsOnARandomSetup_WritesOnlyThoseFoldersWithTheSetupsVoltages()
    {
        var setup = AcquisitionSetup.Random(42);
        var summaries = ExampleExperiments.Write(_root, new ExampleOptions { Donors = 1, Events = 200, Setup = setup, Experiments = ["purity"] });

        Assert.Equal(["purity", "purity-day2"], summaries.Select(s => Path.GetFileName(s.Folder)));
        var file = Directory.GetFiles(summaries[0].Folder, "*.fcs").Single();
        var dataSet = FcsReader.ReadFile(file).DataSets[0];
        Assert.Equal(Math.Round(482 * Math.Pow(setup.Gain("FITC-A"), 1 / 7.0)), dataSet.Parameters[6].Voltage);
        Assert.Equal(0.215 * setup.Gain("PE-A") / setup.Gain("FITC-A"), dataSet.Spillover![0, 1]);
        Assert.Throws<ArgumentException>(() => ExampleExperiments.Write(_root, new ExampleOptions { Experiments = ["viabilty"] }));
    }

    [Fact]
    public void Write_WithoutSecondSetup_WritesOnlyTheFirstDay()
    {
        var summaries = ExampleExperiments.Write(_root, new ExampleOptions { Donors = 1, Events = 200, SecondSetup = null });

        Assert.Equal(6, summaries.Count);
        Assert.DoesNotContain(summaries, s => s.Folder.EndsWith("-day2", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static byte[] Write(ExperimentPlan experiment, SimulatedTube tube)
    {
        using var stream = new MemoryStream();
        FcsWriter.Write(stream, ExampleFolderWriter.DataSet(experiment, tube), new FcsWriterOptions { Version = "3.0", BigEndian = true, FacsDivaLayout = true });
        return stream.ToArray();
    }
}
