using System.Text.Json;

namespace CytoViability.Cli.Tests.Run;

/// <summary>
/// experiment.yaml's and the template's `order:` on a copy of the viability example (sheet order: untreated,
/// lenalidomide, CD40L): the run records the stated order in run.json (experiment.yaml's where both state one) and
/// the console summary lists the treatments so.
/// </summary>
public sealed class StatedConditionOrderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cv-order-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string CopyOfViability()
    {
        var experiment = Path.Combine(_root, "viability");
        Directory.CreateDirectory(experiment);
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "viability")))
        {
            File.Copy(file, Path.Combine(experiment, Path.GetFileName(file)));
        }

        return experiment;
    }

    [Fact]
    public void TheStatedOrder_IsInRunJson_AndTheConsoleListsTreatmentsSo()
    {
        var experiment = CopyOfViability();
        File.AppendAllText(Path.Combine(experiment, "experiment.yaml"), "order:\n  treatment: [CD40L, untreated, lenalidomide]\n");
        var output = Path.Combine(_root, "out");
        var writer = new StringWriter();

        var exit = CliApp.Run(["run", experiment, "--out", output, "--no-report"], writer, writer);
        var lines = writer.ToString().ReplaceLineEndings("\n").Split('\n');

        Assert.Equal(0, exit);
        using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        var stated = runJson.RootElement.GetProperty("condition_order").GetProperty("treatment").EnumerateArray().Select(value => value.GetString());
        Assert.Equal(["CD40L", "untreated", "lenalidomide"], stated);
        var treatments = lines.Where(line => line.StartsWith("  ", StringComparison.Ordinal) && line.Contains(" ± ", StringComparison.Ordinal))
            .Select(line => line.Trim()[..line.Trim().IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["CD40L", "untreated", "lenalidomide"], treatments);
    }

    /// <summary>The shipped viability template, copied into the experiment with an `order:` added, and named by experiment.yaml.</summary>
    private static void TemplateWithOrder(string experiment, string order)
    {
        var shipped = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "gating-templates", "dioc6-pi-viability.yaml"));
        File.WriteAllText(Path.Combine(experiment, "ordered.yaml"), shipped + "\norder:\n" + order);
        var settings = File.ReadAllText(Path.Combine(experiment, "experiment.yaml"));
        File.WriteAllText(Path.Combine(experiment, "experiment.yaml"), settings.Replace("template: dioc6-pi-viability", "template: ordered.yaml", StringComparison.Ordinal));
    }

    private static (List<string?> Recorded, List<string> Console, string Text) RunAndRead(string experiment, string output)
    {
        var writer = new StringWriter();
        var exit = CliApp.Run(["run", experiment, "--out", output, "--no-report"], writer, writer);
        Assert.True(exit == 0, writer.ToString());
        using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        var recorded = runJson.RootElement.TryGetProperty("condition_order", out var order) && order.TryGetProperty("treatment", out var treatment)
            ? treatment.EnumerateArray().Select(value => value.GetString()).ToList()
            : [];
        var lines = writer.ToString().ReplaceLineEndings("\n").Split('\n');
        var console = lines.Where(line => line.StartsWith("  ", StringComparison.Ordinal) && line.Contains(" ± ", StringComparison.Ordinal))
            .Select(line => line.Trim()[..line.Trim().IndexOf(':', StringComparison.Ordinal)]).ToList();
        return (recorded, console, writer.ToString());
    }

    [Fact]
    public void TheTemplatesOrder_IsInRunJson_AndTheConsoleListsTreatmentsSo()
    {
        var experiment = CopyOfViability();
        TemplateWithOrder(experiment, "  treatment: [lenalidomide, CD40L, untreated]\n");

        var (recorded, console, _) = RunAndRead(experiment, Path.Combine(_root, "out"));

        Assert.Equal(["lenalidomide", "CD40L", "untreated"], recorded);
        Assert.Equal(["lenalidomide", "CD40L", "untreated"], console);
    }

    [Fact]
    public void ExperimentYamlsOrder_WinsOverTheTemplates()
    {
        var experiment = CopyOfViability();
        TemplateWithOrder(experiment, "  treatment: [lenalidomide, CD40L, untreated]\n");
        File.AppendAllText(Path.Combine(experiment, "experiment.yaml"), "\norder:\n  treatment: [CD40L, untreated, lenalidomide]\n");

        var (recorded, console, _) = RunAndRead(experiment, Path.Combine(_root, "out"));

        Assert.Equal(["CD40L", "untreated", "lenalidomide"], recorded);
        Assert.Equal(["CD40L", "untreated", "lenalidomide"], console);
    }

    [Fact]
    public void ATemplateOrderForAColumnTheRunDoesNotHave_IsNotUsed_AndTheRunSaysSo()
    {
        var experiment = CopyOfViability();
        TemplateWithOrder(experiment, "  antibody: [none, rituximab]\n");

        var (recorded, console, text) = RunAndRead(experiment, Path.Combine(_root, "out"));

        Assert.Empty(recorded);
        Assert.Contains("template order: 'antibody' is not a condition column of this run, so its order is not used", text, StringComparison.Ordinal);
        Assert.Equal(["untreated", "lenalidomide", "CD40L"], console);
        using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "out", "run.json")));
        Assert.False(runJson.RootElement.TryGetProperty("condition_order", out _));
    }

    [Fact]
    public void ATemplateOrderWithARepeatedValue_IsRefused_WithTheTemplatesLineAndColumn()
    {
        var experiment = CopyOfViability();
        TemplateWithOrder(experiment, "  treatment: [CD40L, untreated, cd40l]\n");
        var lines = File.ReadAllLines(Path.Combine(experiment, "ordered.yaml")).Length;
        var writer = new StringWriter();

        var exit = CliApp.Run(["run", experiment, "--out", Path.Combine(_root, "out")], writer, writer);

        Assert.Equal(1, exit);
        Assert.Contains("ordered.yaml:" + lines + ":33", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("lists 'cd40l' twice", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrderWithARepeatedValue_IsRefused_WithItsLineAndColumn()
    {
        var experiment = CopyOfViability();
        File.AppendAllText(Path.Combine(experiment, "experiment.yaml"), "order:\n  treatment: [CD40L, untreated, cd40l]\n");
        var writer = new StringWriter();

        var exit = CliApp.Run(["run", experiment, "--out", Path.Combine(_root, "out")], writer, writer);

        Assert.Equal(1, exit);
        Assert.Contains("experiment.yaml:7:33", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("lists 'cd40l' twice", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrderForAColumnTheRunDoesNotHave_IsRefused()
    {
        var experiment = CopyOfViability();
        File.WriteAllText(Path.Combine(experiment, "experiment.yaml"), "template: dioc6-pi-viability\nsamples: samples.csv\norder:\n  antibody: [none, rituximab]\n");
        var writer = new StringWriter();

        var exit = CliApp.Run(["run", experiment, "--out", Path.Combine(_root, "out")], writer, writer);

        Assert.Equal(1, exit);
        Assert.Contains("'order' names column 'antibody', which is not a condition column of the run", writer.ToString(), StringComparison.Ordinal);
    }
}
