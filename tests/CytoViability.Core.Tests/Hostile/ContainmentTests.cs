using CytoViability.Core.Experiments;
using CytoViability.Core.Files;
using CytoViability.Core.Templates;
using CytoViability.Core.Tests.Experiments;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Paths from a sample sheet, experiment.yaml or template can never make a run read outside the experiment
/// folder: `..` in any spelling, absolute paths, and symbolic links (to files, to folders, dangling, chained,
/// looping) that lead outside are refused; nothing here throws.
/// </summary>
public sealed class ContainmentTests
{
    [Theory]
    [InlineData("..")]
    [InlineData("../secret.fcs")]
    [InlineData("a/../../secret.fcs")]
    [InlineData("a\\..\\..\\secret.fcs")]
    [InlineData("./../secret.fcs")]
    [InlineData(" ../secret.fcs")]
    [InlineData("a/./b/../../../secret.fcs")]
    [InlineData("/etc/passwd")]
    [InlineData("\\\\server\\share\\x.fcs")]
    [InlineData("C:\\Windows\\x.fcs")]
    [InlineData("C:x.fcs")]
    [InlineData("a\0/../../x.fcs")]
    public void DotDotAndAbsolutePaths_AreRefused(string path)
    {
        using var folder = new TempFolder();

        var resolved = ContainedPath.Resolve(folder.Path, path, out var refusal);

        Assert.Null(resolved);
        Assert.NotEmpty(refusal);
    }

    [Fact]
    public void SymlinksLeadingOutside_AreRefused_InEveryShape()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        var secret = outside.Write("secret.fcs", "outside");
        folder.Write("inside.fcs", "inside");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "file-link.fcs"), secret);
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "folder-link"), outside.Path);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "relative-link.fcs"), Path.GetRelativePath(folder.Path, secret));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "chain-2.fcs"), secret);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "chain-1.fcs"), "chain-2.fcs");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "dangling.fcs"), Path.Combine(outside.Path, "not-yet.fcs"));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "inside-link.fcs"), "inside.fcs");

        foreach (var path in new[] { "file-link.fcs", "folder-link/secret.fcs", "relative-link.fcs", "chain-1.fcs", "dangling.fcs" })
        {
            Assert.True(ContainedPath.Resolve(folder.Path, path, out var refusal) is null, path + " was let through");
            Assert.Contains("outside", refusal, StringComparison.Ordinal);
        }

        Assert.Equal(Path.Combine(folder.Path, "inside-link.fcs"), ContainedPath.Resolve(folder.Path, "inside-link.fcs", out _));
    }

    [Fact]
    public void AnExperimentFolderReachedThroughALink_ChecksEachRowAgainstWhereTheLinkLeads()
    {
        // /tmp/x/linked -> /tmp/y/real: a row's path is resolved from the folder's real path, resolved once per sheet,
        // so a link inside that climbs out with '..' climbs out of the real folder, as the kernel would take it.
        using var outside = new TempFolder();
        using var parent = new TempFolder();
        var real = Directory.CreateDirectory(Path.Combine(parent.Path, "real")).FullName;
        File.WriteAllText(Path.Combine(real, "inside.fcs"), "inside");
        File.WriteAllText(Path.Combine(parent.Path, "beside.fcs"), "beside the real folder");
        var secret = outside.Write("secret.fcs", "outside");
        var linked = Path.Combine(outside.Path, "linked");
        Directory.CreateSymbolicLink(linked, real);
        File.CreateSymbolicLink(Path.Combine(real, "up.fcs"), "../beside.fcs");
        File.CreateSymbolicLink(Path.Combine(real, "out.fcs"), secret);
        File.CreateSymbolicLink(Path.Combine(real, "same.fcs"), "./inside.fcs");
        var folder = ContainedRoot.Of(linked);

        Assert.Equal(real, folder.Real);
        Assert.Equal(Path.Combine(linked, "inside.fcs"), ContainedPath.Resolve(folder, "inside.fcs", out _));
        Assert.Equal(Path.Combine(linked, "same.fcs"), ContainedPath.Resolve(folder, "same.fcs", out _));
        foreach (var path in new[] { "up.fcs", "out.fcs" })
        {
            Assert.True(ContainedPath.Resolve(folder, path, out var refusal) is null, path + " was let through");
            Assert.Contains("outside", refusal, StringComparison.Ordinal);
            Assert.Equal(ContainedPath.StaysInside(linked, Path.Combine(linked, path)), folder.Holds(Path.Combine(linked, path)));
        }
    }

    [Fact]
    public void SymlinkLoop_IsRefused_NotAnException()
    {
        using var folder = new TempFolder();
        File.CreateSymbolicLink(Path.Combine(folder.Path, "a.fcs"), "b.fcs");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "b.fcs"), "a.fcs");
        folder.Write("good.fcs", "x");

        var resolved = ContainedPath.Resolve(folder.Path, "a.fcs", out var refusal);
        var discovered = FileDiscovery.Discover(folder.Path, []);

        Assert.Null(resolved);
        Assert.NotEmpty(refusal);
        Assert.Equal(["good.fcs"], discovered.Files);
        Assert.Equal(["a.fcs", "b.fcs"], discovered.Refused.Select(failure => failure.File));
    }

    [Fact]
    public void Discovery_RefusesEveryLinkOutside_AndNeverEntersLinkedFolders()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        var secret = outside.Write("secret.fcs", "outside");
        outside.Write("deep/other.FCS", "outside");
        folder.Write("plate/A1.fcs", "inside");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "plate", "link.fcs"), secret);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "dangling.lmd"), Path.Combine(outside.Path, "gone.lmd"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "linked-folder"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "plate", "loop"), folder.Path);

        var discovered = FileDiscovery.Discover(folder.Path, []);

        Assert.Equal(["plate/A1.fcs"], discovered.Files);
        Assert.Equal(["dangling.lmd", "plate/link.fcs"], discovered.Refused.Select(failure => failure.File));
    }

    [Fact]
    public void SampleSheet_HostileRows_AreRefusedOneByOne()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        var secret = outside.Write("secret.fcs", "outside");
        folder.Write("ok.fcs", "inside");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "escape"), outside.Path);
        var sheet = folder.Write("samples.csv", "file,donor\nok.fcs,D1\nescape/secret.fcs,D1\n\"a/../../x.fcs\",D1\n" + secret + ",D1\n\"C:\\x.fcs\",D1\n");
        var problems = new List<ConfigurationProblem>();

        var read = SampleSheetReader.Read(sheet, folder.Path, problems);

        Assert.NotNull(read);
        Assert.Equal("ok.fcs", Assert.Single(read.Rows).File);
        Assert.Equal([3, 4, 5, 6], read.Refused.Select(row => row.Line));
    }

    [Fact]
    public void ExperimentYaml_SamplesOrTemplateOutside_AreProblemsWithPositions()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        outside.Write("samples.csv", "file\nx.fcs\n");
        outside.Write("t.yaml", "name: t\n");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "samples.csv"), Path.Combine(outside.Path, "samples.csv"));
        folder.Write("experiment.yaml", "template: ../" + Path.GetFileName(outside.Path) + "/t.yaml\nsamples: samples.csv\n");
        var problems = new List<ConfigurationProblem>();

        var settings = ExperimentSettingsReader.Read(folder.Path, problems);

        Assert.Null(settings);
        Assert.Contains(problems, problem => problem.Position?.Line == 1 && problem.Message.Contains("..", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Position?.Line == 2);
    }
}
