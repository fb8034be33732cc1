using System.Text.Json;

namespace CytoViability.Cli.Tests.Run;

/// <summary>
/// experiment.yaml's `order:` on a copy of the viability example (sheet order: untreated, lenalidomide, CD40L): the
/// run records it in run.json and the console summary lists the treatments in the stated order.
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
