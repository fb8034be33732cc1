using CytoViability.Core.Experiments;
using CytoViability.Core.Output;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Experiments;

public sealed class ExperimentPlannerTests
{
    [Fact]
    public void WithASheet_ListedFilesAreSamples_OthersFail_MissingFail_OtherExtensionsReadWhenListed()
    {
        using var folder = new TempFolder();
        folder.Write("a.fcs");
        folder.Write("b.fcs");
        folder.Write("raw/c.dat");
        folder.Write("skip/ctrl.fcs");
        var sheetPath = folder.Write("samples.csv", "file,donor,treatment\na.fcs,D1,none\nraw/c.dat,D1,len\ngone.fcs,D1,x\n../up.fcs,D1,x\n");
        var sheet = SampleSheetReader.Read(sheetPath, folder.Path, [])!;
        var settings = ExperimentSettings.Empty with { Ignore = [new GlobPattern("skip/**")] };
        var problems = new List<ConfigurationProblem>();

        var plan = ExperimentPlanner.Plan(folder.Path, settings, sheet, [], ResultTables.FixedColumns, problems)!;

        Assert.Empty(problems);
        Assert.Equal(["a.fcs", "raw/c.dat"], plan.Samples.Select(s => s.RelativePath));
        Assert.Equal(["treatment"], plan.ConditionColumns);
        Assert.Equal(
            [("../up.fcs", "containment"), ("b.fcs", "missing_metadata"), ("gone.fcs", "unreadable_file")],
            plan.Failures.Select(f => (f.File, f.Check)));
        Assert.Equal("not in the sample sheet", plan.Failures[1].Message);
    }

    [Fact]
    public void WithoutASheet_EveryFileFound_IsASample()
    {
        using var folder = new TempFolder();
        folder.Write("x/2.fcs");
        folder.Write("1.fcs");

        var plan = ExperimentPlanner.Plan(folder.Path, ExperimentSettings.Empty, null, [], ResultTables.FixedColumns, [])!;

        Assert.Equal(["1.fcs", "x/2.fcs"], plan.Samples.Select(s => s.RelativePath));
        Assert.Null(plan.Samples[0].Row);
        Assert.Empty(plan.Columns);
    }

    [Fact]
    public void MetadataColumnNamedLikeAnOutputColumn_IsRefused()
    {
        using var folder = new TempFolder();
        var sheetPath = folder.Write("samples.csv", "file,count\na.fcs,3\n");
        var sheet = SampleSheetReader.Read(sheetPath, folder.Path, [])!;
        var problems = new List<ConfigurationProblem>();

        Assert.Null(ExperimentPlanner.Plan(folder.Path, ExperimentSettings.Empty, sheet, [], ResultTables.FixedColumns, problems));
        Assert.Contains("'count'", Assert.Single(problems).Message, StringComparison.Ordinal);
    }
}
