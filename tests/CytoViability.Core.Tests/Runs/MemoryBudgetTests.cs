using CytoViability.Core.Runs;

namespace CytoViability.Core.Tests.Runs;

public sealed class MemoryBudgetTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public void Bound_TwoThreadsOn300MiBFiles_IsTheConstantAndThreeAndAHalfFilesPerThread()
    {
        // 256 MiB + 2 × 3.5 × 300 MiB = 2,356 MiB.
        Assert.Equal(2356 * MiB, MemoryBudget.Bound(2, 300 * MiB));
    }

    [Fact]
    public void Fit_WithoutALimit_KeepsTheThreads()
    {
        var budget = MemoryBudget.Fit(null, 2, 300 * MiB);

        Assert.Equal(2, budget.Threads);
        Assert.Equal(2356 * MiB, budget.BoundBytes);
        Assert.False(budget.Lowered);
    }

    [Fact]
    public void Fit_UnderALimitTwoThreadsFit_KeepsBothThreads()
    {
        // 256 + 2 × 3.5 × 100 = 956 MiB, under 1,200 MiB.
        var budget = MemoryBudget.Fit(1200 * MiB, 2, 100 * MiB);

        Assert.Equal(2, budget.Threads);
        Assert.Equal(956 * MiB, budget.BoundBytes);
        Assert.False(budget.Lowered);
    }

    [Fact]
    public void Fit_UnderTwoGibibytes_DropsAThread()
    {
        // Two threads need 256 + 2,100 = 2,356 MiB: over 2,048, so one thread (256 + 1,050 = 1,306 MiB).
        var budget = MemoryBudget.Fit(2048 * MiB, 2, 300 * MiB);

        Assert.Equal(1, budget.Threads);
        Assert.Equal(1306 * MiB, budget.BoundBytes);
        Assert.True(budget.Lowered);
        Assert.DoesNotContain("over the limit", budget.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_BelowWhatOneThreadNeeds_RunsOneThreadInsteadOfFailing()
    {
        var budget = MemoryBudget.Fit(100 * MiB, 8, 300 * MiB);

        Assert.Equal(1, budget.Threads);
        Assert.True(budget.Lowered);
        Assert.Contains("over the limit", budget.Describe(), StringComparison.Ordinal);
    }
}
