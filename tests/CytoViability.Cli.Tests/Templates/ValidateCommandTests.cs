namespace CytoViability.Cli.Tests.Templates;

public sealed class ValidateCommandTests
{
    private static (int Exit, string Output) Validate(string path)
    {
        var writer = new StringWriter();
        var exit = CliApp.Run(["validate", path], writer, writer);
        return (exit, writer.ToString());
    }

    [Theory]
    [InlineData("adcc-killing.yaml")]
    [InlineData("cd40l-mfi.yaml")]
    [InlineData("cd5-cd19-purity.yaml")]
    [InlineData("dioc6-pi-viability.yaml")]
    [InlineData("gamma-delta-killing.yaml")]
    public void ShippedTemplates_AreValid_ExitCode0(string name)
    {
        var (exit, output) = Validate(Path.Combine(TestPaths.RepositoryRoot, "gating-templates", name));

        Assert.Equal(0, exit);
        Assert.Contains(": ok (", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenTemplate_PrintsEveryProblemWithLineAndColumn_ExitCode1()
    {
        var path = Path.Combine(Path.GetTempPath(), "cv-validate-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, "channels:\n  PI: PE-A\ngates:\n  - { id: a, parent: b, type: range, channel: PI, min: 1 }\n  - { id: c, type: range, channel: XX, max: 2 }\nextra: 1\n");
        try
        {
            var (exit, output) = Validate(path);

            Assert.Equal(1, exit);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(path + ":4:5: error: unknown parent 'b' of gate 'a' (known: all, a)", lines[0]);
            Assert.StartsWith(path + ":5:36: error: unknown channel alias 'XX'", lines[1], StringComparison.Ordinal);
            Assert.StartsWith(path + ":6:1: error: unknown key 'extra' in the template", lines[2], StringComparison.Ordinal);
            Assert.Equal("3 problems in " + path, lines[3]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingTemplate_IsExitCode1_NotAnException()
    {
        var (exit, output) = Validate(Path.Combine(Path.GetTempPath(), "no-such-template-" + Guid.NewGuid().ToString("N") + ".yaml"));

        Assert.Equal(1, exit);
        Assert.Contains("template not found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void DataOption_ReportsAnAliasThatAFileCannotResolve_AtTheAliasLine()
    {
        var folder = Directory.CreateTempSubdirectory("cv-validate-data-").FullName;
        try
        {
            var template = Path.Combine(folder, "template.yaml");
            File.WriteAllText(template, Run.SyntheticExperiment.Template);
            var data = Path.Combine(folder, "data");
            Run.SyntheticExperiment.WriteWell(data, "good.fcs", "good", "D1", "1", "untreated", "none", 200, 1, new Random(1));
            Run.SyntheticExperiment.WriteWell(data, "noapc.fcs", "noapc", "D1", "1", "untreated", "none", 200, 1, new Random(2), dropApc: true);
            var writer = new StringWriter();

            var exit = CliApp.Run(["validate", template, "--data", data], writer, writer);

            Assert.Equal(1, exit);
            var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var problem = Assert.Single(lines, line => line.Contains(": error: ", StringComparison.Ordinal));
            Assert.StartsWith(template + ":7:3: error: channel 'DDAO' (marker DDAO, detector APC-A) resolves in no parameter of 1 of 2 files: noapc.fcs", problem, StringComparison.Ordinal);
            Assert.Contains(lines, line => line.StartsWith("noapc.fcs: ", StringComparison.Ordinal) && line.Contains("DDAO unresolved", StringComparison.Ordinal));
            Assert.Equal("1 problem with the data in " + data, lines[^1].TrimEnd());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void DataOption_SaysForEveryFileHowEachChannelResolved_AndRefusesADetectorLabelledWithAnotherMarker()
    {
        var folder = Directory.CreateTempSubdirectory("cv-validate-resolution-").FullName;
        try
        {
            var template = Path.Combine(folder, "template.yaml");
            File.WriteAllText(template, Hostile.HostileExperiment.TemplateText);
            var data = Path.Combine(folder, "data");
            Directory.CreateDirectory(data);
            void Tube(string name, string? fitc, string? pe) => CytoViability.Core.Fcs.FcsWriter.WriteFile(Path.Combine(data, name), new CytoViability.Core.Fcs.FcsWriteDataSet(
                [new("FSC-A", null, 262144), new("FITC-A", fitc, 262144), new("PE-A", pe, 262144)], [[1f], [2f], [3f]], []));
            Tube("labelled.fcs", "DiOC6", "PI");
            Tube("unlabelled.fcs", "DiOC6", null);
            var writer = new StringWriter();

            Assert.Equal(0, CliApp.Run(["validate", template, "--data", data], writer, writer));
            var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("labelled.fcs: FSC-A → FSC-A (by name), DiOC6 → FITC-A (by marker), PI → PE-A (by marker)", lines);
            Assert.Contains("unlabelled.fcs: FSC-A → FSC-A (by name), DiOC6 → FITC-A (by marker), PI → PE-A (by detector: no parameter carries its marker)", lines);
            Assert.Contains("in 1 of 2 files a channel was taken by detector", lines[^1], StringComparison.Ordinal);

            Tube("cd3-cd8.fcs", "CD3", "CD8");
            writer = new StringWriter();
            Assert.Equal(1, CliApp.Run(["validate", template, "--data", data], writer, writer));
            var output = writer.ToString();
            Assert.Contains(template + ":5:3: error: channel 'DiOC6' (marker DiOC6, detector FITC-A) reaches only a detector labelled with another marker in 1 of 3 files: cd3-cd8.fcs", output, StringComparison.Ordinal);
            Assert.Contains("PE-A is labelled 'CD8'", output, StringComparison.Ordinal);
            Assert.DoesNotContain(": ok", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
