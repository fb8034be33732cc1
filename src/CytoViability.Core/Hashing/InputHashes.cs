using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Hashing;

/// <summary>
/// The sha256 of a run's inputs, in a pass of its own before the files are read: sixteen files at a time in the lanes
/// of <see cref="Sha256Lanes"/>, which hash about twice the bytes a second that the CPU's SHA instructions hash in one
/// file, so reading each file once more from the page cache costs less than it saves (docs/performance.md, session
/// 16). The readers after it trust a file's hash while its size and last-write time are those hashed
/// (<see cref="InputHash.Unchanged"/>) and hash a file themselves, as they read it, otherwise.
/// Files are dealt to lanes largest first, each to the lane with the fewest bytes so far. The lanes advance together
/// until the fullest is done, so the files that would leave lanes idle for longer than they save (a few much larger
/// than the rest, the last few of a batch, fewer than about nine in all) are left to the readers, and so are all
/// files where the lanes cannot run: a CPU without AVX-512, or native AOT code, which may only use the instruction
/// sets it was compiled for (x86-64-v3 for the shipped linux-x64 tool; docs/performance.md).
/// </summary>
internal static class InputHashes
{
    /// <summary>Bytes read into a lane at a time: sixteen of them fit the core's L2 cache.</summary>
    public const int SliceBytes = 64 * 1024;

    /// <summary>
    /// How many times the bytes a second sixteen busy lanes hash, reading included, against files hashed as they are
    /// read (`InputHashesBenchmarks`: 120 against 238 ms for 366 MB, rounded down): lanes idle at the end are paid
    /// for all the same.
    /// </summary>
    private const double LanesSpeedUp = 1.9;

    /// <summary>Room for a lane's slice, the under-64-byte rest of the last one and up to two blocks of padding.</summary>
    private const int RegionBytes = SliceBytes + (3 * Sha256Lanes.BlockBytes);

    /// <summary>Whether this process can hash in lanes at all; without, <see cref="Compute"/> hashes nothing.</summary>
    public static bool IsSupported => Sha256Lanes.IsSupported;

    /// <summary>
    /// The hash, size and last-write time of every path hashed in lanes, with up to <paramref name="threads"/>
    /// threads; null for the files left to the readers (see above) and for those that could not be opened or read
    /// (the readers report why). <paramref name="open"/> opens a path as the run does (containment, size limit) and
    /// throws when the file may not be read.
    /// </summary>
    public static InputHash?[] Compute(IReadOnlyList<string> paths, Func<string, FileStream> open, int threads)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(open);
        var results = new InputHash?[paths.Count];
        if (!IsSupported)
        {
            return results;
        }

        var sizes = new long[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            sizes[i] = SizeOf(paths[i]);
        }

        // Largest first; the workers take turns, so each gets about the same bytes.
        var order = new int[paths.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) => sizes[x] != sizes[y] ? sizes[y].CompareTo(sizes[x]) : x.CompareTo(y));
        var workers = Math.Clamp(threads, 1, Math.Max(1, order.Length));
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var mine = new List<int>();
            for (var i = worker; i < order.Length; i += workers)
            {
                mine.Add(order[i]);
            }

            if (Deal(mine, sizes) is { Count: > 0 } lanes)
            {
                new LaneRun(paths, open, results, lanes).Run();
            }
        });
        return results;
    }

    /// <summary>
    /// The files (largest first) dealt to the sixteen lanes, each lane's list in the order it takes them; empty when
    /// the lanes would not pay. How many of the largest are left to the readers is chosen by the least estimated
    /// time: the lanes take the fullest lane's bytes × 16 / <see cref="LanesSpeedUp"/>, a file left alone its bytes.
    /// </summary>
    internal static List<List<int>> Deal(IReadOnlyList<int> largestFirst, IReadOnlyList<long> sizes)
    {
        double total = 0;
        foreach (var file in largestFirst)
        {
            total += Math.Max(sizes[file], 0);
        }

        var bestAlone = largestFirst.Count;
        var bestCost = total;
        double aloneBytes = 0;
        var loads = new long[Sha256Lanes.Count];
        for (var alone = 0; alone < Math.Min(largestFirst.Count, 64); alone++)
        {
            Array.Clear(loads);
            for (var i = alone; i < largestFirst.Count; i++)
            {
                loads[Lightest(loads)] += Math.Max(sizes[largestFirst[i]], 0) + Sha256Lanes.BlockBytes;
            }

            var cost = aloneBytes + (loads.Max() * (double)Sha256Lanes.Count / LanesSpeedUp);
            if (cost < bestCost)
            {
                (bestCost, bestAlone) = (cost, alone);
            }

            aloneBytes += Math.Max(sizes[largestFirst[alone]], 0);
        }

        var lanes = new List<List<int>>();
        if (bestAlone < largestFirst.Count)
        {
            Array.Clear(loads);
            for (var lane = 0; lane < Sha256Lanes.Count; lane++)
            {
                lanes.Add([]);
            }

            for (var i = bestAlone; i < largestFirst.Count; i++)
            {
                var lane = Lightest(loads);
                loads[lane] += Math.Max(sizes[largestFirst[i]], 0) + Sha256Lanes.BlockBytes;
                lanes[lane].Add(largestFirst[i]);
            }
        }

        return lanes;
    }

    private static int Lightest(long[] loads)
    {
        var lightest = 0;
        for (var lane = 1; lane < loads.Length; lane++)
        {
            if (loads[lane] < loads[lightest])
            {
                lightest = lane;
            }
        }

        return lightest;
    }

    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Whatever keeps one file from being hashed leaves it without a hash, never stops the others: the gating pass reads it again and reports why.</summary>
    private static bool IsUnreadable(Exception exception) => exception is not OutOfMemoryException;

    /// <summary>One worker's sixteen lanes, each hashing its files one after another.</summary>
    private sealed class LaneRun(IReadOnlyList<string> paths, Func<string, FileStream> open, InputHash?[] results, List<List<int>> lanes)
    {
        private readonly Lane[] _lanes = CreateLanes(lanes);

        // Sixteen regions, one a lane, and a seventeenth that a lane with no file left compresses (its digest is never read).
        private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent((Sha256Lanes.Count + 1) * RegionBytes);

        public void Run()
        {
            Span<Vector512<uint>> state = stackalloc Vector512<uint>[8];
            Span<int> starts = stackalloc int[Sha256Lanes.Count];
            try
            {
                while (true)
                {
                    var blocks = int.MaxValue;
                    for (var index = 0; index < Sha256Lanes.Count; index++)
                    {
                        var lane = _lanes[index];
                        if (Ready(lane, index, state))
                        {
                            starts[index] = (index * RegionBytes) + lane.Start;
                            blocks = Math.Min(blocks, lane.Available / Sha256Lanes.BlockBytes);
                        }
                        else
                        {
                            starts[index] = Sha256Lanes.Count * RegionBytes;
                        }
                    }

                    if (blocks == int.MaxValue)
                    {
                        return;
                    }

                    Sha256Lanes.Compress(state, _buffer, starts, blocks);
                    foreach (var lane in _lanes)
                    {
                        if (lane.Stream is not null)
                        {
                            lane.Start += blocks * Sha256Lanes.BlockBytes;
                            lane.Available -= blocks * Sha256Lanes.BlockBytes;
                        }
                    }
                }
            }
            finally
            {
                foreach (var lane in _lanes)
                {
                    lane.Stream?.Dispose();
                }

                ArrayPool<byte>.Shared.Return(_buffer);
            }
        }

        private static Lane[] CreateLanes(List<List<int>> lanes)
        {
            var created = new Lane[Sha256Lanes.Count];
            for (var i = 0; i < created.Length; i++)
            {
                created[i] = new Lane(new Queue<int>(lanes[i]));
            }

            return created;
        }

        /// <summary>
        /// Brings a lane to at least one whole block to compress: finishing the file whose padded end it has
        /// compressed, opening its next file, reading the next slice (and padding the file's end). False when the
        /// lane has no file left.
        /// </summary>
        private bool Ready(Lane lane, int index, Span<Vector512<uint>> state)
        {
            while (true)
            {
                if (lane.Stream is null)
                {
                    if (!lane.Files.TryDequeue(out var file))
                    {
                        return false;
                    }

                    Open(lane, file);
                    if (lane.Stream is not null)
                    {
                        Sha256Lanes.Start(state, index);
                    }

                    continue;
                }

                if (lane.Available >= Sha256Lanes.BlockBytes)
                {
                    return true;
                }

                if (lane.Padded)
                {
                    var digest = new byte[32];
                    Sha256Lanes.Digest(state, index, digest);
                    results[lane.File] = new InputHash(Convert.ToHexStringLower(digest), lane.Length, lane.Modified);
                    Close(lane);
                    continue;
                }

                try
                {
                    Refill(lane, _buffer.AsSpan(index * RegionBytes, RegionBytes));
                }
                catch (Exception exception) when (IsUnreadable(exception))
                {
                    // Left without a hash: the gating pass reads the file again and reports what is wrong with it.
                    Close(lane);
                }
            }
        }

        private void Open(Lane lane, int file)
        {
            try
            {
                var stream = open(paths[file]);
                lane.Stream = stream;
                lane.Source = new FcsFileSource(stream.SafeFileHandle, stream.Length);
                lane.File = file;
                lane.Length = stream.Length;
                lane.Modified = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
                lane.Read = 0;
                lane.Start = 0;
                lane.Available = 0;
                lane.Padded = false;
            }
            catch (Exception exception) when (IsUnreadable(exception))
            {
                Close(lane);
            }
        }

        private static void Close(Lane lane)
        {
            lane.Stream?.Dispose();
            lane.Stream = null;
            lane.Source = null;
        }

        /// <summary>Moves the unhashed rest (under one block) to the region's start and reads the next slice after it; pads the file's end once read.</summary>
        private static void Refill(Lane lane, Span<byte> region)
        {
            region.Slice(lane.Start, lane.Available).CopyTo(region);
            lane.Start = 0;
            var count = (int)Math.Min(SliceBytes, lane.Length - lane.Read);
            lane.Source!.Read(lane.Read, region.Slice(lane.Available, count));
            lane.Read += count;
            lane.Available += count;
            if (lane.Read < lane.Length)
            {
                return;
            }

            // FIPS 180-4 padding: 0x80, zeros, then the message length in bits, big-endian, ending a block.
            var rest = lane.Available % Sha256Lanes.BlockBytes;
            var end = lane.Available - rest + (rest + 9 <= Sha256Lanes.BlockBytes ? Sha256Lanes.BlockBytes : 2 * Sha256Lanes.BlockBytes);
            region[lane.Available..end].Clear();
            region[lane.Available] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(region[(end - 8)..], (ulong)lane.Length * 8);
            lane.Available = end;
            lane.Padded = true;
        }
    }

    private sealed class Lane(Queue<int> files)
    {
        public Queue<int> Files { get; } = files;

        public FileStream? Stream { get; set; }

        /// <summary>Positioned reads of <see cref="Stream"/> that fill the span or throw at the file's end (a file that shrank).</summary>
        public FcsFileSource? Source { get; set; }

        public int File { get; set; }

        public long Length { get; set; }

        public DateTime Modified { get; set; }

        public long Read { get; set; }

        public int Start { get; set; }

        public int Available { get; set; }

        public bool Padded { get; set; }
    }
}
