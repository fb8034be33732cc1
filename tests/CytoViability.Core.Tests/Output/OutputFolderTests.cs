using System.Text;
using CytoViability.Core.Output;

namespace CytoViability.Core.Tests.Output;

public sealed class OutputFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cv-output-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string[] AllFiles() =>
        Directory.GetFiles(_root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_root, path))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void Commit_StagedFiles_AppearUnderTheirFinalNamesOnly()
    {
        using (var folder = new OutputFolder(_root))
        {
            folder.WriteText("summary.csv", w => w.Write("metric\nviability\n"));
            folder.Write(Path.Combine("plots", "a.png"), s => s.Write([1, 2, 3]));

            Assert.All(AllFiles(), name => Assert.EndsWith(OutputFolder.TemporarySuffix, name, StringComparison.Ordinal));
            Assert.Equal(2, AllFiles().Length);

            folder.Commit();
        }

        Assert.Equal([Path.Combine("plots", "a.png"), "summary.csv"], AllFiles());
        Assert.Equal("metric\nviability\n", File.ReadAllText(Path.Combine(_root, "summary.csv")));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(_root, "plots", "a.png")));
    }

    [Fact]
    public void WriteText_Utf8_HasNoByteOrderMark()
    {
        using (var folder = new OutputFolder(_root))
        {
            folder.WriteText("qc.csv", w => w.Write("µ"));
            folder.Commit();
        }

        Assert.Equal(Encoding.UTF8.GetBytes("µ"), File.ReadAllBytes(Path.Combine(_root, "qc.csv")));
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesThePreviousRunIntactAndNoTemporaries()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "summary.csv"), "previous run");

        using (var folder = new OutputFolder(_root))
        {
            folder.WriteText("summary.csv", w => w.Write("new run"));
            folder.WriteText("killing.csv", w => w.Write("new run"));
        }

        Assert.Equal(["summary.csv"], AllFiles());
        Assert.Equal("previous run", File.ReadAllText(Path.Combine(_root, "summary.csv")));
    }

    [Fact]
    public void Write_FailingHalfway_LeavesNeitherAFinalNorATemporaryFile()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "mfi.csv"), "previous run");

        using var folder = new OutputFolder(_root);
        Assert.Throws<IOException>(() => folder.WriteText("mfi.csv", w =>
        {
            w.Write("half of the new ");
            w.Flush();
            throw new IOException("disk full");
        }));

        Assert.Equal(["mfi.csv"], AllFiles());
        Assert.Equal("previous run", File.ReadAllText(Path.Combine(_root, "mfi.csv")));
    }

    [Fact]
    public void Open_LeftoverTemporaryOfAKilledRun_IsRemoved()
    {
        Directory.CreateDirectory(Path.Combine(_root, "plots"));
        File.WriteAllText(Path.Combine(_root, ".summary.csv.0123" + OutputFolder.TemporarySuffix), "half");
        File.WriteAllText(Path.Combine(_root, "plots", ".x.png.4567" + OutputFolder.TemporarySuffix), "half");
        File.WriteAllText(Path.Combine(_root, "summary.csv"), "previous run");

        using (new OutputFolder(_root))
        {
            Assert.Equal(["summary.csv"], AllFiles());
        }
    }

    [Theory]
    [InlineData("../escape.csv")]
    [InlineData("plots/../../escape.csv")]
    [InlineData("/tmp/absolute.csv")]
    [InlineData("sneaky.cvtmp")]
    public void Write_PathOutsideTheFolder_IsRejected(string relativePath)
    {
        using var folder = new OutputFolder(_root);

        Assert.Throws<ArgumentException>(() => folder.WriteText(relativePath, w => w.Write("x")));
    }

    [Fact]
    public void Write_SameFileTwice_IsRejected()
    {
        using var folder = new OutputFolder(_root);
        folder.WriteText("qc.csv", w => w.Write("a"));

        Assert.Throws<ArgumentException>(() => folder.WriteText("qc.csv", w => w.Write("b")));
    }

    [Fact]
    public void Commit_ExistingOutputs_AreReplacedWholeFileByFile()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "summary.csv"), "previous run, a longer text than the new one");

        using (var folder = new OutputFolder(_root))
        {
            folder.WriteText("summary.csv", w => w.Write("new"));
            folder.Commit();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(_root, "summary.csv")));
    }

    [Fact]
    public void Open_AfterACommitInterruptedBetweenRenames_RollsForwardToTheNewOutputs()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "summary.csv"), "previous run");
        File.WriteAllText(Path.Combine(_root, "qc.csv"), "previous run");

        // The journal is written, then the process dies before any rename.
        var interrupted = new OutputFolder(_root);
        interrupted.WriteText("summary.csv", w => w.Write("new run"));
        interrupted.WriteText("qc.csv", w => w.Write("new run"));
        interrupted.WriteJournal();
        interrupted.Dispose();
        Assert.Equal("previous run", File.ReadAllText(Path.Combine(_root, "summary.csv")));

        using (new OutputFolder(_root))
        {
            Assert.Equal(["qc.csv", "summary.csv"], AllFiles());
        }

        Assert.Equal("new run", File.ReadAllText(Path.Combine(_root, "summary.csv")));
        Assert.Equal("new run", File.ReadAllText(Path.Combine(_root, "qc.csv")));
    }

    [Fact]
    public void Open_JournalPointingOutsideTheFolder_MovesNothingThere()
    {
        Directory.CreateDirectory(_root);
        var outside = Path.Combine(Path.GetTempPath(), "cv-outside-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(Path.Combine(_root, ".x.csv.1" + OutputFolder.TemporarySuffix), "staged");
        File.WriteAllText(Path.Combine(_root, OutputFolder.JournalName), ".x.csv.1" + OutputFolder.TemporarySuffix + "\t../" + Path.GetFileName(outside) + "\n");

        using (new OutputFolder(_root))
        {
            Assert.False(File.Exists(outside));
            Assert.Empty(AllFiles());
        }
    }
}
