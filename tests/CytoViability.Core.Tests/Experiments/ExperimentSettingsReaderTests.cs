using CytoViability.Core.Experiments;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Experiments;

public sealed class ExperimentSettingsReaderTests
{
    [Fact]
    public void DocumentedExample_IsRead_WithRulesGlobsAndRenames()
    {
        using var folder = new TempFolder();
        folder.Write("adcc-killing.yaml", "x");
        folder.Write("samples.csv", "file\n");
        folder.Write("experiment.yaml", """
            template: adcc-killing.yaml
            samples: samples.csv
            conditions: [antibody, lenalidomide]
            ignore: ["Compensation Controls/**", "*_Unstained_*.fcs"]
            metadata:
              - from: $SRC
                pattern: '^(?<donor>D\d+)$'
              - from: TUBE NAME
                pattern: '^(?<antibody>[A-Za-z0-9]+)(?:_(?<lenalidomide>len))?_(?<replicate>\d)$'
                values:
                  antibody: { NoAb: none, Ritux: rituximab }
                  lenalidomide: { len: "yes" }
            """);
        var problems = new List<ConfigurationProblem>();

        var settings = ExperimentSettingsReader.Read(folder.Path, problems);

        Assert.Empty(problems);
        Assert.NotNull(settings);
        Assert.Equal(Path.Combine(folder.Path, "adcc-killing.yaml"), settings.TemplatePath);
        Assert.Equal(Path.Combine(folder.Path, "samples.csv"), settings.SamplesPath);
        Assert.Equal(["antibody", "lenalidomide"], settings.Conditions);
        Assert.True(settings.Ignore[0].Matches("Compensation Controls/FITC.fcs"));
        Assert.True(settings.Ignore[1].Matches("D01/D01_Unstained_001.fcs"));
        Assert.False(settings.Ignore[1].Matches("D01/D01_noab_001.fcs"));
        Assert.Equal(2, settings.Rules.Count);
        Assert.Equal(["antibody", "lenalidomide", "replicate"], settings.Rules[1].Columns);
        Assert.Equal("rituximab", settings.Rules[1].Values["antibody"]["Ritux"]);
        Assert.Equal("yes", settings.Rules[1].Values["lenalidomide"]["len"]);
        Assert.Equal("$SRC", settings.Rules[0].From);
    }

    [Fact]
    public void Order_ListsEachConditionColumnsValues_InTheLabsDesignOrder()
    {
        using var folder = new TempFolder();
        folder.Write("experiment.yaml", """
            conditions: [treatment, ligand]
            order:
              treatment: [untreated, lenalidomide]
              Ligand: [none, FASL, TRAIL]
            """);
        var problems = new List<ConfigurationProblem>();

        var settings = ExperimentSettingsReader.Read(folder.Path, problems);

        Assert.Empty(problems);
        Assert.NotNull(settings);
        Assert.Equal(["treatment", "ligand"], settings.Order.Keys);
        Assert.Equal(["untreated", "lenalidomide"], settings.Order["treatment"]);
        Assert.Equal(["none", "FASL", "TRAIL"], settings.Order["ligand"]);
    }

    [Fact]
    public void NoExperimentYaml_IsEmptySettings()
    {
        using var folder = new TempFolder();

        Assert.Same(ExperimentSettings.Empty, ExperimentSettingsReader.Read(folder.Path, []));
    }

    [Theory]
    [InlineData("template: ../outside.yaml", 1, 11, "'..' is not allowed")]
    [InlineData("samples: /etc/passwd", 1, 10, "absolute paths are not allowed")]
    [InlineData("samples: missing.csv", 1, 10, "not found in the experiment folder")]
    [InlineData("metadata:\n  - { from: file, pattern: '(?<donor' }", 2, 28, "not a valid regular expression")]
    [InlineData("metadata:\n  - { from: file, pattern: 'D\\d+' }", 2, 28, "no named group")]
    [InlineData("conditions: [donor]", 1, 14, "cannot be a condition column")]
    [InlineData("sheet: samples.csv", 1, 1, "unknown key 'sheet'")]
    [InlineData("order:\n  treatment: [untreated, CD40L, Untreated]", 2, 33, "lists 'Untreated' twice")]
    [InlineData("conditions: [treatment]\norder:\n  antibody: [none, rituximab]", 3, 3, "which 'conditions' does not list")]
    [InlineData("order:\n  donor: [CLL01, CLL02]", 2, 3, "cannot be a condition column")]
    [InlineData("order: [untreated, CD40L]", 1, 8, "must be")]
    [InlineData("order:\n  treatment: { untreated: 1 }", 2, 14, "must be a value or a list of values")]
    public void BadSettings_AreProblemsWithLineAndColumn(string yaml, int line, int column, string expected)
    {
        using var folder = new TempFolder();
        folder.Write("experiment.yaml", yaml);
        var problems = new List<ConfigurationProblem>();

        var settings = ExperimentSettingsReader.Read(folder.Path, problems);

        Assert.Null(settings);
        var problem = Assert.Single(problems);
        Assert.Equal(new TextPosition(line, column), problem.Position);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateName_NotInTheFolder_IsAShippedTemplateName()
    {
        using var folder = new TempFolder();
        folder.Write("experiment.yaml", "template: adcc-killing");

        var settings = ExperimentSettingsReader.Read(folder.Path, []);

        Assert.Equal("adcc-killing", settings!.ShippedTemplate);
        Assert.Null(settings.TemplatePath);
    }

    [Fact]
    public void TemplateName_WithThatYamlFileInTheFolder_IsTheLabsFileNotTheShippedOne()
    {
        using var folder = new TempFolder();
        var lab = folder.Write("adcc-killing.yaml", "x");
        folder.Write("experiment.yaml", "template: adcc-killing");

        var settings = ExperimentSettingsReader.Read(folder.Path, []);

        Assert.Equal(lab, settings!.TemplatePath);
        Assert.Null(settings.ShippedTemplate);
    }

    [Fact]
    public void TemplateNameSymlink_PointingOutside_IsNotFollowed()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        File.CreateSymbolicLink(Path.Combine(folder.Path, "adcc-killing.yaml"), outside.Write("secret.yaml", "channels: {}"));
        folder.Write("experiment.yaml", "template: adcc-killing");

        var settings = ExperimentSettingsReader.Read(folder.Path, []);

        Assert.Null(settings!.TemplatePath);
        Assert.Equal("adcc-killing", settings.ShippedTemplate);
    }

    [Fact]
    public void TemplateSymlink_PointingOutside_IsRefused()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        var target = outside.Write("secret.yaml", "channels: {}");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "t.yaml"), target);
        folder.Write("experiment.yaml", "template: t.yaml");
        var problems = new List<ConfigurationProblem>();

        Assert.Null(ExperimentSettingsReader.Read(folder.Path, problems));
        Assert.Contains("symbolic link", Assert.Single(problems).Message, StringComparison.Ordinal);
    }
}
