using System.Security.Cryptography;
using System.Text.Json;

namespace CytoViability.Cli.Tests.Templates;

/// <summary>
/// `cytoviability templates [show NAME | copy NAME DIR]` and shipped templates used by name, checked against the files
/// of gating-templates/ in the repository (the tool carries them as embedded resources).
/// </summary>
public sealed class TemplatesCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cv-templates-").FullName;

    private static string[] RepositoryTemplates() =>
        [.. Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "gating-templates"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    private static string TitleOf(string name) =>
        File.ReadLines(Path.Combine(TestPaths.RepositoryRoot, "gating-templates", name + ".yaml"))
            .Single(line => line.StartsWith("name: ", StringComparison.Ordinal))["name: ".Length..];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (int Exit, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Templates_ListsEveryShippedTemplateOnOneLineWithItsTitle()
    {
        var (exit, output, _) = Cli("templates");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var expected = RepositoryTemplates();
        Assert.Equal(5, expected.Length);
        Assert.Equal(expected.Length + 1, lines.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith(expected[i] + " ", lines[i], StringComparison.Ordinal);
            Assert.Contains(TitleOf(expected[i]) + ": ", lines[i], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("dioc6-pi-viability")]
    [InlineData("adcc-killing.yaml")]
    public void TemplatesShow_PrintsTheShippedFileExactly(string name)
    {
        var (exit, output, _) = Cli("templates", "show", name);

        Assert.Equal(0, exit);
        var file = Path.Combine(TestPaths.RepositoryRoot, "gating-templates", Path.GetFileNameWithoutExtension(name) + ".yaml");
        Assert.Equal(File.ReadAllText(file), output);
    }

    [Fact]
    public void TemplatesShow_UnknownName_Exit1NamesTheShippedOnes()
    {
        var (exit, output, error) = Cli("templates", "show", "annexin-v");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("no shipped template named 'annexin-v'", error, StringComparison.Ordinal);
        Assert.Contains("cd5-cd19-purity", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplatesCopy_WritesTheShippedBytes_AndNeverReplacesALabsEditWithoutForce()
    {
        var lab = Path.Combine(_root, "lab templates");
        var copy = Path.Combine(lab, "cd40l-mfi.yaml");
        var shipped = File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "gating-templates", "cd40l-mfi.yaml"));

        Assert.Equal(0, Cli("templates", "copy", "cd40l-mfi", lab).Exit);
        Assert.Equal(shipped, File.ReadAllBytes(copy));

        File.WriteAllText(copy, "# our edited gates\n");
        var (exit, _, error) = Cli("templates", "copy", "cd40l-mfi", lab);
        Assert.Equal(1, exit);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("# our edited gates\n", File.ReadAllText(copy));

        Assert.Equal(0, Cli("templates", "copy", "cd40l-mfi", lab, "--force").Exit);
        Assert.Equal(shipped, File.ReadAllBytes(copy));
    }

    [Fact]
    public void Run_ExperimentYamlNamingAShippedTemplate_GatesAFolderOutsideTheRepository()
    {
        var folder = CopyOfPurityExample();
        var output = Path.Combine(_root, "out");

        var (exit, console, error) = Cli("run", folder, "--out", output, "--no-report");

        Assert.True(exit == 0, console + error);
        var template = RunJsonTemplate(output);
        Assert.Equal("shipped:cd5-cd19-purity", template.GetProperty("path").GetString());
        Assert.Equal(Sha256(Path.Combine(TestPaths.RepositoryRoot, "gating-templates", "cd5-cd19-purity.yaml")), template.GetProperty("sha256").GetString());
    }

    [Fact]
    public void Run_TemplateOptionNamingAShippedTemplate_UsesIt()
    {
        var folder = CopyOfPurityExample();
        File.Delete(Path.Combine(folder, "experiment.yaml"));
        File.WriteAllText(Path.Combine(folder, "experiment.yaml"), "samples: samples.csv\nconditions: [panel]\n");
        var output = Path.Combine(_root, "out");

        var (exit, console, error) = Cli("run", folder, "--template", "cd5-cd19-purity", "--out", output, "--no-report");

        Assert.True(exit == 0, console + error);
        Assert.Equal("shipped:cd5-cd19-purity", RunJsonTemplate(output).GetProperty("path").GetString());
    }

    [Fact]
    public void Run_TemplateOptionNamingATemplateCopiedIntoTheExperimentFolder_UsesTheLabsCopy()
    {
        var folder = CopyOfPurityExample();
        File.WriteAllText(Path.Combine(folder, "experiment.yaml"), "samples: samples.csv\nconditions: [panel]\n");
        Assert.Equal(0, Cli("templates", "copy", "cd5-cd19-purity", folder).Exit);
        var lab = Path.Combine(folder, "cd5-cd19-purity.yaml");
        File.WriteAllText(lab, File.ReadAllText(lab).Replace("name: CLL purity (CD5/CD19)", "name: our purity gates", StringComparison.Ordinal));
        var output = Path.Combine(_root, "out");

        var (exit, console, error) = Cli("run", folder, "--template", "cd5-cd19-purity", "--out", output, "--no-report");

        Assert.True(exit == 0, console + error);
        var template = RunJsonTemplate(output);
        Assert.Equal(lab, template.GetProperty("path").GetString());
        Assert.Equal("our purity gates", template.GetProperty("name").GetString());
    }

    [Fact]
    public void Run_TemplateFileOfTheSameNameInTheExperimentFolder_WinsOverTheShippedOne()
    {
        var folder = CopyOfPurityExample();
        var lab = Path.Combine(folder, "cd5-cd19-purity.yaml");
        var shipped = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "gating-templates", "cd5-cd19-purity.yaml"));
        File.WriteAllText(lab, shipped.Replace("name: CLL purity (CD5/CD19)", "name: our purity gates", StringComparison.Ordinal));
        var output = Path.Combine(_root, "out");

        var (exit, console, error) = Cli("run", folder, "--out", output, "--no-report");

        Assert.True(exit == 0, console + error);
        var template = RunJsonTemplate(output);
        Assert.Equal(lab, template.GetProperty("path").GetString());
        Assert.Equal("our purity gates", template.GetProperty("name").GetString());
    }

    [Fact]
    public void Run_UnknownTemplateName_Exit1ListsTheShippedTemplates()
    {
        var folder = CopyOfPurityExample();
        File.WriteAllText(Path.Combine(folder, "experiment.yaml"), "template: annexin-v\nsamples: samples.csv\n");

        var (exit, _, error) = Cli("run", folder, "--out", Path.Combine(_root, "out"), "--no-report");

        Assert.Equal(1, exit);
        Assert.Contains("template 'annexin-v' is neither in the experiment folder nor a shipped template", error, StringComparison.Ordinal);
        Assert.Contains("dioc6-pi-viability", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_RebuiltFromARunWithAShippedTemplate_LoadsThatTemplateWithoutWarnings()
    {
        var folder = CopyOfPurityExample();
        var output = Path.Combine(_root, "out");
        Assert.Equal(0, Cli("run", folder, "--out", output, "--no-report").Exit);

        var (exit, console, error) = Cli("report", output);

        Assert.True(exit == 0, console + error);
        Assert.Empty(error);
    }

    private string CopyOfPurityExample()
    {
        var source = Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "purity");
        var folder = Path.Combine(_root, "purity");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        Assert.Contains("template: cd5-cd19-purity\n", File.ReadAllText(Path.Combine(folder, "experiment.yaml")), StringComparison.Ordinal);
        return folder;
    }

    private static JsonElement RunJsonTemplate(string output) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "run.json"))).RootElement.GetProperty("template").Clone();

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
