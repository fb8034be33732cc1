using CytoViability.Library;

namespace CytoViability.Core.Tests.Library;

/// <summary>The public library gates the Gating-ML compliance file as the suite's truth says, and reports problems as one exception type.</summary>
public sealed class LibraryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cytoviability-library-" + Guid.NewGuid().ToString("N"));

    public LibraryTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void ReadingData1_GivesItsKeywordsAndChannels()
    {
        var sample = FcsReader.ReadFile(Data1Truth.Fcs);

        Assert.Equal(Data1Truth.Range1.Length, sample.EventCount);
        Assert.Equal("FACSCalibur", sample.Keyword("$cyt"));
        Assert.Equal(8, sample.Channels.Count);
        Assert.Equal(new FcsChannel(2, "FL1-H", "CD4 FITC", 1024), sample.Channel("CD4 FITC"));
        Assert.Equal(sample.EventCount, sample.ScaleValues("FL1-H").Length);
    }

    [Fact]
    public void ApplyingRange1WithRectangle1Nested_CountsTheTruthsMembers()
    {
        var template = GatingTemplate.Load(Data1Truth.Template);

        var results = template.Apply(FcsReader.ReadFile(Data1Truth.Fcs));

        var total = Data1Truth.Range1.Length;
        var large = Data1Truth.Count(Data1Truth.Range1);
        var rectangle = Data1Truth.Count(Data1Truth.LargeAndRectangle);
        Assert.Equal(["all", "large", "rectangle"], results.Populations.Select(p => p.Id));
        Assert.Equal(new PopulationResult("large", "all", large, total, 100.0 * large / total, 100.0 * large / total), results.Population("large"));
        Assert.Equal(new PopulationResult("rectangle", "large", rectangle, large, 100.0 * rectangle / large, 100.0 * rectangle / total), results.Population("rectangle"));
        Assert.Null(results.Population("all").Parent);
    }

    [Fact]
    public void ApplyingIt_MeasuresTheMeanFl1OfTheTruthsMembers()
    {
        var results = GatingTemplate.Load(Data1Truth.Template).Apply(FcsReader.ReadFile(Data1Truth.Fcs));

        var mfi = results.MfiOf("rectangle", "FL1-H");
        Assert.Equal(Data1Truth.Count(Data1Truth.LargeAndRectangle), mfi.Count);
        Assert.Equal("CD4 FITC", mfi.Marker);
        // The statistics read the scale values as single-precision columns: agreement to float precision.
        Assert.Equal(Data1Truth.MeanFl1(Data1Truth.LargeAndRectangle), mfi.Mean, 1e-6);
    }

    [Fact]
    public void ATemplateWithAnUnknownParent_IsATemplateExceptionWithLineAndColumn()
    {
        var path = Path.Combine(_root, "broken.yaml");
        File.WriteAllText(path, File.ReadAllText(Data1Truth.Template).Replace("parent: large", "parent: lrage", StringComparison.Ordinal));

        var exception = Assert.Throws<TemplateException>(() => GatingTemplate.Load(path));

        var problem = Assert.Single(exception.Problems);
        Assert.StartsWith(path + ":", problem, StringComparison.Ordinal);
        Assert.Contains("'lrage'", problem, StringComparison.Ordinal);
        Assert.Equal(problem, exception.Message);
        Assert.IsAssignableFrom<CytoViabilityException>(exception);
    }

    [Fact]
    public void ATextFileReadAsFcs_IsAnFcsFormatExceptionOfTheCommonBase()
    {
        var path = Path.Combine(_root, "notes.fcs");
        File.WriteAllText(path, "not an FCS file, only a note about one");

        var exception = Assert.ThrowsAny<CytoViabilityException>(() => FcsReader.ReadFile(path));

        Assert.IsType<Core.Fcs.FcsFormatException>(exception);
        Assert.StartsWith(path + ": HEADER segment, byte ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASampleWithoutTheTemplatesChannels_IsASampleException()
    {
        var path = Path.Combine(_root, "other-channels.yaml");
        File.WriteAllText(path, File.ReadAllText(Data1Truth.Template).Replace("FL1-H: FL1-H", "FL1-H: FITC-A", StringComparison.Ordinal));

        var exception = Assert.Throws<SampleException>(() => GatingTemplate.Load(path).Apply(FcsReader.ReadFile(Data1Truth.Fcs)));

        Assert.Contains(exception.Problems, problem => problem.StartsWith("data1.fcs: ", StringComparison.Ordinal) && problem.Contains("FITC-A", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownShippedName_IsATemplateExceptionListingTheShippedOnes()
    {
        var exception = Assert.Throws<TemplateException>(() => GatingTemplate.Shipped("dioc6-viability"));

        Assert.Contains("dioc6-pi-viability", exception.Message, StringComparison.Ordinal);
        Assert.Contains("dioc6-pi-viability", GatingTemplate.ShippedNames);
        Assert.Equal("CLL viability (DiOC6/PI)", GatingTemplate.Shipped("dioc6-pi-viability").Name);
    }

    [Fact]
    public void RunningAMissingFolder_IsAnExperimentExceptionWithTheRunsMessage()
    {
        var missing = Path.Combine(_root, "no-such-experiment");

        var exception = Assert.Throws<ExperimentException>(() => Experiment.Run(missing, new ExperimentOptions { Template = Data1Truth.Template }));

        Assert.Equal(missing + ": error: experiment folder not found", exception.Message);
    }

    [Fact]
    public void RunningAFolderOfData1_WritesAndReturnsTheTablesWithTheTruthsCounts()
    {
        var folder = Path.Combine(_root, "experiment");
        Directory.CreateDirectory(folder);
        File.Copy(Data1Truth.Fcs, Path.Combine(folder, "data1.fcs"));

        var run = Experiment.Run(folder, new ExperimentOptions { Template = Data1Truth.Template, Threads = 1 });

        Assert.Equal(ExperimentStatus.Success, run.Status);
        Assert.Equal((1, 0), (run.Processed, run.Failed));
        Assert.Equal(Path.Combine(folder, "cytoviability-out"), run.OutputFolder);
        var populations = run.Table("populations.csv");
        Assert.Equal(["all", "large", "rectangle"], Enumerable.Range(0, populations.Rows.Count).Select(row => populations.Cell(row, "population")));
        Assert.Equal(Data1Truth.Range1.Length, populations.Number(0, "count"));
        Assert.Equal(Data1Truth.Count(Data1Truth.Range1), populations.Number(1, "count"));
        Assert.Equal(Data1Truth.Count(Data1Truth.LargeAndRectangle), populations.Number(2, "count"));
        Assert.Contains(run.Tables, table => table.Name == "qc.csv");
        Assert.True(File.Exists(Path.Combine(run.OutputFolder, "run.json")));
    }
}
