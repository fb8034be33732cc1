using System.Security.Cryptography;

namespace CytoViability.Cli.Tests.Examples;

public sealed class ExampleCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cv-example-cmd-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Example_DefaultOptions_RegeneratesTheCommittedExampleFcsByteForByte()
    {
        var output = new StringWriter();
        var exitCode = CliApp.Run(["example", _root], output, output);
        Assert.True(exitCode == 0, output.ToString());

        var committed = Hashes(Path.Combine(TestPaths.RepositoryRoot, "example-fcs"));
        var regenerated = Hashes(_root);
        Assert.True(committed.Count > 100, "example-fcs/ holds only " + committed.Count + " files");
        Assert.Equal(committed.Keys.Order(StringComparer.Ordinal), regenerated.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, hash) in committed)
        {
            Assert.True(hash == regenerated[file], file + " differs from the committed example (regenerate with `cytoviability example example-fcs`)");
        }
    }

    [Fact]
    public void Example_OtherSeed_WritesOtherEventsUnderTheSameNames()
    {
        var first = Path.Combine(_root, "a");
        var second = Path.Combine(_root, "b");
        Assert.Equal(0, CliApp.Run(["example", first, "--donors", "1", "--events", "200"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, CliApp.Run(["example", second, "--donors", "1", "--events", "200", "--seed", "7"], TextWriter.Null, TextWriter.Null));

        var a = Hashes(first);
        var b = Hashes(second);
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        Assert.All(a.Keys.Where(k => k.EndsWith(".fcs", StringComparison.Ordinal)), k => Assert.NotEqual(a[k], b[k]));
    }

    [Fact]
    public void Example_StrayFcsFileInATargetFolder_RefusesWithExitCodeOneAndWritesNothing()
    {
        var adcc = Path.Combine(_root, "adcc");
        Directory.CreateDirectory(adcc);
        File.WriteAllText(Path.Combine(adcc, "CLL09_RTX_UT_1_001.fcs"), "not ours");
        var error = new StringWriter();

        var exitCode = CliApp.Run(["example", _root, "--donors", "1", "--events", "200"], TextWriter.Null, error);

        Assert.Equal(1, exitCode);
        Assert.Contains("CLL09_RTX_UT_1_001.fcs", error.ToString(), StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("--donors", "0")]
    [InlineData("--events", "10")]
    public void Example_OutOfRangeOption_ExitCodeOne(string option, string value)
    {
        var error = new StringWriter();
        Assert.Equal(1, CliApp.Run(["example", _root, option, value], TextWriter.Null, error));
        Assert.Contains("--donors", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static Dictionary<string, string> Hashes(string folder)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            hashes[relative] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return hashes;
    }
}
