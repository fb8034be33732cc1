using CytoViability.Core.Files;
using CytoViability.Core.Output;

namespace CytoViability.Core.Tests.Output;

/// <summary>
/// A run's output folder as one unit: a new generation written beside it replaces it whole on commit, and not at
/// all otherwise; one writer at a time; only folders CytoViability owns; a swap interrupted between its two
/// renames (the fallback where the atomic exchange is missing) is completed by the next open.
/// </summary>
public sealed class OutputGenerationTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("cv-generation-").FullName;

    private string Output => Path.Combine(_parent, "out");

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string[] Entries(string folder) => [.. Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(folder, path)).Order(StringComparer.Ordinal)];

    private void Commit(params string[] files)
    {
        using var generation = OutputGeneration.Open(Output);
        foreach (var file in files)
        {
            generation.WriteText(file, writer => writer.Write(file + " of " + generation.RunId));
        }

        generation.Commit();
    }

    [Fact]
    public void Commit_ReplacesTheWholeFolder_NothingOfThePreviousRunStays_AndNothingIsLeftBeside()
    {
        Commit("qc.csv", "report.html", "plots/samples/CLL01/cells.png");

        Commit("qc.csv");

        Assert.Equal([OutputMarker.FileName, "qc.csv"], Entries(Output));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_parent).Select(Path.GetFileName));
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesThePreviousRunUntouched_AndNoGenerationBeside()
    {
        Commit("qc.csv");
        var before = File.ReadAllText(Path.Combine(Output, "qc.csv"));

        using (var generation = OutputGeneration.Open(Output))
        {
            generation.WriteText("qc.csv", writer => writer.Write("new"));
            generation.WriteText("populations.csv", writer => writer.Write("new"));
        }

        Assert.Equal(before, File.ReadAllText(Path.Combine(Output, "qc.csv")));
        Assert.Equal([OutputMarker.FileName, "qc.csv"], Entries(Output));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_parent).Select(Path.GetFileName));
    }

    [Fact]
    public void ASecondOpenWhileTheFirstHoldsTheFolder_IsRefused_NamingTheProcess()
    {
        using var first = OutputGeneration.Open(Output);

        var refused = Assert.Throws<OutputFolderException>(() => OutputGeneration.Open(Output));

        Assert.Contains("output folder in use by process " + Environment.ProcessId, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderThatIsNotOurs_IsRefused_AndLeftAlone()
    {
        Directory.CreateDirectory(Output);
        File.WriteAllText(Path.Combine(Output, "notes.txt"), "mine");

        var refused = Assert.Throws<OutputFolderException>(() => OutputGeneration.Open(Output));

        Assert.Contains("not a CytoViability output folder", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Entries(Output));
    }

    [Fact]
    public void ASwapKilledBetweenItsTwoRenames_IsCompletedByTheNextOpen()
    {
        Commit("qc.csv");
        var (staging, old) = InterruptedSwap("new qc");
        Directory.Move(Output, old);

        using (OutputGeneration.Open(Output))
        {
        }

        Assert.Equal("new qc", File.ReadAllText(Path.Combine(Output, "qc.csv")));
        Assert.False(Directory.Exists(staging));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_parent).Select(Path.GetFileName));
    }

    [Fact]
    public void ASwapKilledAfterItsJournalBeforeAnyRename_IsRolledForward()
    {
        Commit("qc.csv");
        InterruptedSwap("new qc");

        using (OutputGeneration.Open(Output))
        {
        }

        Assert.Equal("new qc", File.ReadAllText(Path.Combine(Output, "qc.csv")));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_parent).Select(Path.GetFileName));
    }

    [Fact]
    public void CarryOver_LeavesStagedTemporariesOfOlderVersionsBehind()
    {
        Commit("qc.csv", "run.json");
        File.WriteAllText(Path.Combine(Output, ".qc.csv.0123" + OutputFolder.TemporarySuffix), "half");
        File.WriteAllText(Path.Combine(Output, OutputFolder.JournalName), "stale");

        using (var generation = OutputGeneration.Open(Output))
        {
            generation.CarryOver(_ => true);
            generation.Commit();
        }

        Assert.Equal([OutputMarker.FileName, "qc.csv", "run.json"], Entries(Output));
    }

    /// <summary>The state a fallback swap leaves after writing its journal: a complete generation and the journal naming it.</summary>
    private (string Staging, string Old) InterruptedSwap(string qc)
    {
        var staging = Path.Combine(_parent, ".out." + Guid.NewGuid().ToString("N") + ".cvgen");
        var old = Path.Combine(_parent, ".out." + Guid.NewGuid().ToString("N") + ".cvold");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, OutputMarker.FileName), "cytoviability output folder\n");
        File.WriteAllText(Path.Combine(staging, "qc.csv"), qc);
        File.WriteAllText(Path.Combine(_parent, ".out.cvswap"), Path.GetFileName(staging) + "\n" + Path.GetFileName(old) + "\n");
        return (staging, old);
    }
}
