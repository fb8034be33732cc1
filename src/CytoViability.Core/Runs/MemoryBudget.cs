namespace CytoViability.Core.Runs;

/// <summary>
/// The run's peak memory by design (README, "Memory"): a constant for the runtime, the template, the tables and plot
/// bins, and per worker thread at most <see cref="FileFactor"/> × the largest input file (its float columns, the
/// compensated float64 columns statistics read, block buffers; DATA is streamed, never held whole). Nothing decoded
/// outlives a file: the placement pass counts sampled events and the gating pass reads the file again. `--max-memory`
/// fits a run under a limit by lowering the thread count; a limit below what one thread needs runs on one thread, and
/// says so, rather than failing.
/// </summary>
internal sealed record MemoryBudget(int Threads, long BoundBytes, long? LimitBytes)
{
    /// <summary>Runtime, template, tables, plot bins and pools (256 MiB).</summary>
    public const long ConstantBytes = 256L << 20;

    /// <summary>
    /// Per thread: the float columns, the compensated float64 columns of one sample, block buffers, and the previous
    /// file's garbage until the next collection. Measured 3.3× on 5M-event ADCC files (2 threads, 2.11 GiB peak), so 3.5.
    /// </summary>
    public const double FileFactor = 3.5;

    /// <summary>True when the limit made the run use fewer threads than it would have.</summary>
    public bool Lowered { get; init; }

    public static long Bound(int threads, long largestFile) =>
        ConstantBytes + (long)(threads * FileFactor * largestFile);

    /// <summary>The threads that fit <paramref name="limit"/> (null: no limit).</summary>
    public static MemoryBudget Fit(long? limit, int threads, long largestFile)
    {
        if (limit is not { } bytes || Bound(threads, largestFile) <= bytes)
        {
            return new MemoryBudget(threads, Bound(threads, largestFile), limit);
        }

        var fitted = threads;
        while (fitted > 1 && Bound(fitted, largestFile) > bytes)
        {
            fitted--;
        }

        return new MemoryBudget(fitted, Bound(fitted, largestFile), limit) { Lowered = true };
    }

    /// <summary>The console and run.log line that says what the limit changed.</summary>
    public string Describe()
    {
        var mib = 1L << 20;
        var line = "--max-memory " + (LimitBytes!.Value / mib) + " MiB: " + Threads + " thread" + (Threads == 1 ? string.Empty : "s")
            + "; bound " + (BoundBytes / mib) + " MiB";
        return BoundBytes > LimitBytes ? line + " (over the limit even on one thread: the largest file needs it)" : line;
    }
}
