using CytoViability.Core.Experiments;
using CytoViability.Core.Output;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Experiments;

public sealed class SampleMetadataResolverTests
{
    private static ExperimentPlan PlanWithRules(TempFolder folder, string rulesYaml, SampleSheet? sheet = null)
    {
        var problems = new List<ConfigurationProblem>();
        var settings = ExperimentSettingsReader.Parse(rulesYaml, "experiment.yaml", folder.Path, problems);
        Assert.Empty(problems);
        return ExperimentPlanner.Plan(folder.Path, settings, sheet, [], ResultTables.FixedColumns, problems)!;
    }

    private const string Rules = """
        metadata:
          - from: $SRC
            pattern: '^(?<donor>D\d+)$'
          - from: tube name
            pattern: '^(?<antibody>[A-Za-z]+)_(?<replicate>\d)$'
            values:
              antibody: { NoAb: none }
        """;

    [Fact]
    public void Rules_ReadKeywords_AnyCase_AndRenameValues()
    {
        using var folder = new TempFolder();
        folder.Write("D07_NoAb_2.fcs");
        var plan = PlanWithRules(folder, Rules);
        var keywords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["$SRC"] = "D07", ["TUBE NAME"] = "NoAb_2" };

        var metadata = SampleMetadataResolver.Resolve(plan, plan.Samples[0], key => keywords.GetValueOrDefault(key), out var failure);

        Assert.Equal(string.Empty, failure);
        Assert.NotNull(metadata);
        Assert.Equal(("D07_NoAb_2", "D07_NoAb_2.fcs", "D07", "2"), (metadata.Sample, metadata.File, metadata.Donor, metadata.Replicate));
        Assert.Equal(["none"], metadata.Values);
        Assert.Equal(["antibody"], plan.Columns);
    }

    [Fact]
    public void RequiredRule_NotMatching_FailsThatFileOnly()
    {
        using var folder = new TempFolder();
        folder.Write("x.fcs");
        var plan = PlanWithRules(folder, Rules);

        var metadata = SampleMetadataResolver.Resolve(plan, plan.Samples[0], key => key == "$SRC" ? "Specimen_001" : "NoAb_1", out var failure);

        Assert.Null(metadata);
        Assert.Contains("'Specimen_001' from $SRC does not match", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void SheetValues_OverrideRules_AndFilePathRulesWork()
    {
        using var folder = new TempFolder();
        folder.Write("D03/rituximab_1.fcs");
        var sheetPath = folder.Write("samples.csv", "file,sample,antibody\nD03/rituximab_1.fcs,s1,ofatumumab\n");
        var sheet = SampleSheetReader.Read(sheetPath, folder.Path, [])!;
        var plan = PlanWithRules(folder, """
            metadata:
              - from: file
                pattern: '^(?<donor>D\d+)/(?<antibody>[a-z]+)_(?<replicate>\d)\.fcs$'
            """, sheet);

        var metadata = SampleMetadataResolver.Resolve(plan, plan.Samples[0], _ => null, out _)!;

        Assert.Equal(("s1", "D03", "1"), (metadata.Sample, metadata.Donor, metadata.Replicate));
        Assert.Equal(["ofatumumab"], metadata.Values);
    }

    [Fact]
    public void NoDonor_MakesTheSampleItsOwnDonor()
    {
        using var folder = new TempFolder();
        folder.Write("sub/tube.fcs");
        var plan = ExperimentPlanner.Plan(folder.Path, ExperimentSettings.Empty, null, [], ResultTables.FixedColumns, [])!;

        var metadata = SampleMetadataResolver.Resolve(plan, plan.Samples[0], _ => null, out _)!;

        Assert.Equal(("sub/tube", "sub/tube", string.Empty), (metadata.Sample, metadata.Donor, metadata.Replicate));
    }
}
