using CytoViability.Core.Runs;

namespace CytoViability.Core.Tests.Runs;

public sealed class MemoryBudgetTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public void Bound_TwoThreadsOn300MiBFilesWithAGibibyteKept_IsTheConstantTheKeptEventsAndThreeAndAHalfFilesPerThread()
    {
        // 256 MiB + 1024 MiB + 2 × 3.5 × 300 MiB = 3,380 MiB.
        Assert.Equal(3380 * MiB, MemoryBudget.Bound(2, 1024 * MiB, 300 * MiB));
    }

    [Fact]
    public void Fit_WithoutALimit_KeepsTheThreadsAndTheKeptEvents()
    {
        var budget = MemoryBudget.Fit(null, 2, 1024 * MiB, 300 * MiB);

        Assert.Equal(2, budget.Threads);
        Assert.Equal(1024 * MiB, budget.KeptEventBytes);
        Assert.False(budget.Lowered);
    }

    [Fact]
    public void Fit_UnderTwoGibibytes_GivesUpKeptEventsAndThenAThread()
    {
        // Two threads need 256 + 2,100 = 2,356 MiB without kept events: over 2,048, so one thread (256 + 1,050),
        // which leaves 2,048 − 1,306 = 742 MiB for kept events.
        var budget = MemoryBudget.Fit(2048 * MiB, 2, 1024 * MiB, 300 * MiB);

        Assert.Equal(1, budget.Threads);
        Assert.Equal(742 * MiB, budget.KeptEventBytes);
        Assert.True(budget.Lowered);
        Assert.Equal(2048 * MiB, budget.BoundBytes);
    }

    [Fact]
    public void Fit_WhenOnlyTheKeptEventsDoNotFit_KeepsBothThreadsAndShrinksTheKeptEvents()
    {
        // 256 + 2 × 3.5 × 100 = 956 MiB for the threads; a 1,200 MiB limit leaves 244 MiB of kept events.
        var budget = MemoryBudget.Fit(1200 * MiB, 2, 1024 * MiB, 100 * MiB);

        Assert.Equal(2, budget.Threads);
        Assert.Equal(244 * MiB, budget.KeptEventBytes);
        Assert.Equal(1200 * MiB, budget.BoundBytes);
    }

    [Fact]
    public void Fit_BelowWhatOneThreadNeeds_RunsOneThreadWithoutKeptEventsInsteadOfFailing()
    {
        var budget = MemoryBudget.Fit(100 * MiB, 8, 1024 * MiB, 300 * MiB);

        Assert.Equal(1, budget.Threads);
        Assert.Equal(0, budget.KeptEventBytes);
        Assert.Contains("over the limit", budget.Describe(), StringComparison.Ordinal);
    }
}
