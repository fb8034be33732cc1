namespace CytoViability.Core.Fcs;

/// <summary>
/// The large float, float64 and 64-bit word arrays of one sample (decoded channels, compensated and transformed
/// columns, block buffers, gate memberships), reused by the next sample instead of coming fresh from the garbage collector. A fresh array costs a
/// page fault for each 4 KiB page on first write, and the collector hands freed large arrays back to the system:
/// on the 64-file ADCC batch that was about 180,000 page faults, a third of the run's CPU, for the same few
/// megabytes per file allocated again and again. The arrays a process does allocate are advised onto huge pages
/// (<see cref="HugePages"/>), so its first file's take one page fault per 2 MiB instead of one per 4 KiB.
/// </summary>
/// <remarks>
/// A run opens a <see cref="Scope"/> around each file on the thread that processes it; arrays of at least
/// <see cref="PooledLength"/> elements (<see cref="PooledWordLength"/> for words) rented while it is open (<see cref="Floats"/>, <see cref="Doubles"/>, <see cref="Words"/>) go
/// back to the pool when it closes. Outside a scope (inspect, tests, other callers) arrays come from the collector as before. Arrays are
/// matched by exact length; a miss first drops idle arrays of at least the size it allocates, so the pool never
/// holds more than the most the threads had in use at once.
/// </remarks>
internal sealed class SampleBuffers
{
    /// <summary>Smaller float and float64 arrays are cheap for the collector (they never reach the large object heap): not pooled.</summary>
    public const int PooledLength = 8192;

    /// <summary>
    /// Membership words are pooled from a smaller length (the bitsets of a file of 4,096 events and up): a file has a
    /// few dozen, and fresh ones were a fifth of what the 384-file run allocated (196.6 → 152.3–152.5 MB a run, 37 →
    /// 29–31 gen-0 collections, each of which stops every worker thread; its time did not move measurably, session 10).
    /// </summary>
    public const int PooledWordLength = 64;

    [ThreadStatic]
    private static Scope? t_scope;

    private readonly Dictionary<int, Stack<float[]>> _floats = [];
    private readonly Dictionary<int, Stack<double[]>> _doubles = [];
    private readonly Dictionary<int, Stack<ulong[]>> _words = [];
    private readonly Lock _gate = new();
    private long _idleBytes;

    /// <summary>Idle bytes held for the next sample.</summary>
    public long IdleBytes
    {
        get
        {
            lock (_gate)
            {
                return _idleBytes;
            }
        }
    }

    /// <summary>Arrays rented on this thread from now until the scope is disposed return to this pool.</summary>
    public Scope Open()
    {
        var scope = new Scope(this, t_scope);
        t_scope = scope;
        return scope;
    }

    /// <summary>A float array of exactly <paramref name="length"/> elements, contents undefined.</summary>
    public static float[] Floats(int length) =>
        t_scope is { } scope && length >= PooledLength ? scope.Rent(scope.Pool._floats, length, sizeof(float)) : GC.AllocateUninitializedArray<float>(length);

    /// <summary>A float64 array of exactly <paramref name="length"/> elements, contents undefined.</summary>
    public static double[] Doubles(int length) =>
        t_scope is { } scope && length >= PooledLength ? scope.Rent(scope.Pool._doubles, length, sizeof(double)) : GC.AllocateUninitializedArray<double>(length);

    /// <summary>
    /// A zeroed 64-bit word array of exactly <paramref name="length"/> elements (gate membership bits). Pooled like the
    /// columns: a 1,000,000-event file's memberships are about 40 arrays of 125 KB, and fresh ones each file cost
    /// ~8,000 page faults per 20 files, as the collector returned the last file's to the system.
    /// </summary>
    public static ulong[] Words(int length)
    {
        if (t_scope is not { } scope || length < PooledWordLength)
        {
            return new ulong[length];
        }

        var words = scope.Rent(scope.Pool._words, length, sizeof(ulong));
        Array.Clear(words);
        return words;
    }

    private T[] Take<T>(Dictionary<int, Stack<T[]>> free, int length, int elementBytes)
        where T : unmanaged
    {
        lock (_gate)
        {
            if (free.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                _idleBytes -= (long)length * elementBytes;
                return stack.Pop();
            }

            Drop((long)length * elementBytes);
        }

        // A pooled array lives as long as the pool. Among the small objects (a placement sample's columns: 10,000
        // events, 40 or 80 KB) the first collection copied each to an older generation and a later one again, into
        // fresh memory: that first collection, 1.66 MB promoted, paused a one-file ADCC run for 9.6 ms, a tenth of its
        // CPU. So those go to the pinned object heap, which the collector never moves; larger ones stay on the large
        // object heap, which it does not move either.
        var array = GC.AllocateUninitializedArray<T>(length, pinned: (long)length * elementBytes < HugePages.MinimumBytes);
        HugePages.Advise(array);
        return array;
    }

    /// <summary>Lets the collector have idle arrays worth at least <paramref name="bytes"/> (a sample of another shape needs new ones).</summary>
    private void Drop(long bytes)
    {
        var dropped = 0L;
        dropped += Drop(_floats, sizeof(float), bytes - dropped);
        dropped += Drop(_doubles, sizeof(double), bytes - dropped);
        dropped += Drop(_words, sizeof(ulong), bytes - dropped);
        _idleBytes -= dropped;
    }

    private static long Drop<T>(Dictionary<int, Stack<T[]>> free, int elementBytes, long bytes)
    {
        var dropped = 0L;
        foreach (var (length, stack) in free)
        {
            while (dropped < bytes && stack.Count > 0)
            {
                stack.Pop();
                dropped += (long)length * elementBytes;
            }
        }

        return dropped;
    }

    private void Give<T>(Dictionary<int, Stack<T[]>> free, List<T[]> arrays, int elementBytes)
    {
        foreach (var array in arrays)
        {
            if (!free.TryGetValue(array.Length, out var stack))
            {
                stack = new Stack<T[]>();
                free[array.Length] = stack;
            }

            stack.Push(array);
            _idleBytes += (long)array.Length * elementBytes;
        }

        arrays.Clear();
    }

    /// <summary>One file's rentals on one thread.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly Scope? _outer;
        private readonly List<float[]> _floats = [];
        private readonly List<double[]> _doubles = [];
        private readonly List<ulong[]> _words = [];
        private bool _disposed;

        internal Scope(SampleBuffers pool, Scope? outer)
        {
            Pool = pool;
            _outer = outer;
        }

        internal SampleBuffers Pool { get; }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            t_scope = _outer;
            lock (Pool._gate)
            {
                Pool.Give(Pool._floats, _floats, sizeof(float));
                Pool.Give(Pool._doubles, _doubles, sizeof(double));
                Pool.Give(Pool._words, _words, sizeof(ulong));
            }
        }

        internal T[] Rent<T>(Dictionary<int, Stack<T[]>> free, int length, int elementBytes)
            where T : unmanaged
        {
            var array = Pool.Take(free, length, elementBytes);
            switch (array)
            {
                case float[] floats:
                    _floats.Add(floats);
                    break;
                case double[] doubles:
                    _doubles.Add(doubles);
                    break;
                case ulong[] words:
                    _words.Add(words);
                    break;
            }

            return array;
        }
    }
}
