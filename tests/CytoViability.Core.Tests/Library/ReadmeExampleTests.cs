using System.Globalization;

namespace CytoViability.Core.Tests.Library;

/// <summary>
/// The README's C# example is ReadmeExample.cs, compiled with these tests; run on the Gating-ML compliance file, it
/// prints the suite's truth counts and the hand-decoded mean FL1-H.
/// </summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cytoviability-readme-example-" + Guid.NewGuid().ToString("N"));

    public ReadmeExampleTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TheReadmesCSharpBlock_IsReadmeExampleWordForWord()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no ```csharp block");
        start += "```csharp\n".Length;
        var end = readme.IndexOf("```\n", start, StringComparison.Ordinal);
        var example = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "CytoViability.Core.Tests", "Library", "ReadmeExample.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.Equal(example, readme[start..end]);
    }

    [Fact]
    public void TheExample_PrintsTheTruthsCountsPercentOfParentAndMeanFl1()
    {
        var folder = Path.Combine(_root, "experiment");
        Directory.CreateDirectory(folder);
        File.Copy(Data1Truth.Fcs, Path.Combine(folder, "data1.fcs"));
        var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };

        ReadmeExample.Run(Data1Truth.Template, Data1Truth.Fcs, folder, output);

        var total = Data1Truth.Range1.Length;
        var large = Data1Truth.Count(Data1Truth.Range1);
        var members = Data1Truth.LargeAndRectangle;
        var rectangle = Data1Truth.Count(members);
        string[] expected =
        [
            FormattableString.Invariant($"data1.fcs: {total} events, 8 channels, $CYT FACSCalibur"),
            FormattableString.Invariant($"all: {total} events, 100.00 % of the file"),
            FormattableString.Invariant($"large: {large} events, {100.0 * large / total:F2} % of all"),
            FormattableString.Invariant($"rectangle: {rectangle} events, {100.0 * rectangle / large:F2} % of large"),
            FormattableString.Invariant($"FL1-H in rectangle: mean {Data1Truth.MeanFl1(members):F2} ({rectangle} events)"),
            FormattableString.Invariant($"data1 all: {total}"),
            FormattableString.Invariant($"data1 large: {large}"),
            FormattableString.Invariant($"data1 rectangle: {rectangle}"),
        ];
        Assert.Equal(expected, output.ToString().TrimEnd('\n').Split('\n'));
    }
}
