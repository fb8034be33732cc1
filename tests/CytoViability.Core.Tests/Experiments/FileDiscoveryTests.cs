using CytoViability.Core.Experiments;

namespace CytoViability.Core.Tests.Experiments;

public sealed class FileDiscoveryTests
{
    [Fact]
    public void AnyCaseOfFcsAndLmd_IsFound_Recursively_InOrdinalOrder()
    {
        using var folder = new TempFolder();
        foreach (var name in new[] { "b.fcs", "a.FCS", "sub/c.Fcs", "sub/deeper/d.LMD", "notes.txt", "e.fcs.bak", "sub/f.csv" })
        {
            folder.Write(name);
        }

        var found = FileDiscovery.Discover(folder.Path, []);

        Assert.Equal(["a.FCS", "b.fcs", "sub/c.Fcs", "sub/deeper/d.LMD"], found.Files);
        Assert.Empty(found.Refused);
    }

    [Fact]
    public void OutputFolders_AreNeverSearched()
    {
        using var folder = new TempFolder();
        folder.Write("a.fcs");
        folder.Write("cytoviability-out/copy.fcs");
        folder.Write("cytoviability-out-old/copy.fcs");
        folder.Write("results/x.fcs");

        var found = FileDiscovery.Discover(folder.Path, [Path.Combine(folder.Path, "results")]);

        Assert.Equal(["a.fcs"], found.Files);
    }

    [Fact]
    public void Symlinks_FoldersNotFollowed_FilesOutsideRefused_FilesInsideKept()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        var secret = outside.Write("secret.fcs");
        outside.Write("dir/y.fcs");
        var inside = folder.Write("real.fcs");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "escape.fcs"), secret);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "alias.fcs"), inside);
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "linked"), Path.Combine(outside.Path, "dir"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "loop"), folder.Path);

        var found = FileDiscovery.Discover(folder.Path, []);

        Assert.Equal(["alias.fcs", "real.fcs"], found.Files);
        var refused = Assert.Single(found.Refused);
        Assert.Equal(("escape.fcs", "containment"), (refused.File, refused.Check));
    }
}
