namespace CytoViability.Cli.Tests.Run;

/// <summary>Where a run gets its metadata and writes its outputs when nothing is given but the folder.</summary>
public sealed class RunMetadataTests : IDisposable
{
    private readonly RunFixture _fixture = new(eventsPerFile: 1000);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void KeywordRules_WithoutASheet_GiveTheSameConditionTables_AsTheSheet()
    {
        Assert.Equal(0, _fixture.Run("sheet"));
        File.Delete(Path.Combine(_fixture.Folder, "samples.csv"));
        File.WriteAllText(Path.Combine(_fixture.Folder, "experiment.yaml"), """
            template: template.yaml
            metadata:
              - from: $SRC
                pattern: '^(?<donor>D\d+)$'
              - from: tube name
                pattern: '^(?<treatment>[a-z]+)_(?<antibody>[a-z]+)_(?<replicate>\d)$'
            """);

        Assert.Equal(0, _fixture.Run("rules"));

        foreach (var file in new[] { "summary.csv", "killing.csv", "mfi_fold.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(_fixture.Output("sheet"), file)), File.ReadAllText(Path.Combine(_fixture.Output("rules"), file)));
        }

        var populations = _fixture.Table("rules", "populations.csv");
        var row = Assert.Single(populations.Rows, r => r[1] == _fixture.Wells[0].File && r[2] == "all");
        Assert.Equal(_fixture.Wells[0].File[..^4], row[0]);
    }

    [Fact]
    public void DefaultOutputFolder_IsInsideTheExperiment_AndIsNeverReadBackAsInput()
    {
        var writer = new StringWriter();
        Assert.Equal(0, CliApp.Run(["run", _fixture.Folder, "--no-report", "--threads", "1"], writer, writer));
        var output = Path.Combine(_fixture.Folder, "cytoviability-out");
        File.Copy(Path.Combine(_fixture.Folder, _fixture.Wells[0].File), Path.Combine(output, "copy.fcs"));
        var first = File.ReadAllText(Path.Combine(output, "populations.csv"));

        Assert.Equal(0, CliApp.Run(["run", _fixture.Folder, "--no-report", "--threads", "1"], writer, writer));

        Assert.Equal(first, File.ReadAllText(Path.Combine(output, "populations.csv")));
        Assert.Contains(_fixture.Wells.Count + " files processed, 0 failed; outputs in " + output, writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SamplesOption_OverridesExperimentYaml_ButItsPathsStayInsideTheFolder()
    {
        var sheet = Path.Combine(_fixture.Root, "elsewhere.csv");
        File.WriteAllText(sheet, File.ReadAllText(Path.Combine(_fixture.Folder, "samples.csv")).Replace(",ritux\n", ",rituximab\n", StringComparison.Ordinal));

        Assert.Equal(0, _fixture.Run("out", "--samples", sheet));

        var killing = _fixture.Table("out", "killing.csv");
        Assert.Contains(killing.Rows, r => r[2] == "rituximab");
        Assert.DoesNotContain(killing.Rows, r => r[2] == "ritux");
    }

    [Fact]
    public void OutputFolder_ThatIsTheExperimentFolder_IsAUsageError()
    {
        var writer = new StringWriter();

        Assert.Equal(1, CliApp.Run(["run", _fixture.Folder, "--out", _fixture.Folder, "--no-report"], writer, writer));
        Assert.Contains("may not be the experiment folder or contain it", writer.ToString(), StringComparison.Ordinal);
    }
}
