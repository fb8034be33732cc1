using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CytoViability.Core.Fcs;

/// <summary>
/// Asks Linux to back a large array with 2 MiB pages (transparent huge pages) before it is first written. A fresh
/// array costs a page fault for each 4 KiB page on first write; a process's first 1,000,000-event file takes about
/// 33,000 of them for its columns, and on a virtual machine each costs ~10 µs (a third of a second per process).
/// With huge pages that is one fault per 2 MiB. Linux's default transparent-huge-page mode on many distributions
/// (`madvise`) gives huge pages only to memory that asks for them, which is what this does, and the 2 MiB pages the
/// collector has already touched are collapsed into huge pages at once; under `never` nothing is asked. Elsewhere
/// (Windows, macOS) it does nothing.
/// </summary>
/// <remarks>
/// The advice is about the address range, not the array: it stays with that memory after the array is collected, so
/// memory the collector reuses for small objects may be backed by huge pages too, as under `always`.
/// </remarks>
internal static class HugePages
{
    /// <summary>
    /// Arrays of this size and more go to the large object heap, where a new one is mostly fresh memory and is not
    /// moved; smaller ones are allocated among the small objects, mostly in memory already in use.
    /// </summary>
    public const int MinimumBytes = 85_000;

    private const long HugePageBytes = 2 << 20;

    /// <summary>madvise's MADV_HUGEPAGE (asm-generic/mman-common.h).</summary>
    private const int AdviseHugePage = 14;

    /// <summary>madvise's MADV_COLLAPSE (Linux 6.1 and later; asm-generic/mman-common.h).</summary>
    private const int AdviseCollapse = 25;

    private static bool s_unavailable = !OperatingSystem.IsLinux() || HugePagesTurnedOff();

    /// <summary>Advises huge pages for the 2 MiB pages that hold <paramref name="array"/>; a hint, failures ignored.</summary>
    public static void Advise<T>(T[] array)
        where T : unmanaged
    {
        var bytes = (long)array.Length * Unsafe.SizeOf<T>();
        if (s_unavailable || bytes < MinimumBytes)
        {
            return;
        }

        // Pinned only to read the address: large arrays live on the large object heap, which the collector does not
        // move unless asked to (GCSettings.LargeObjectHeapCompactionMode, never set here); had it moved, the advice
        // would merely fall on other memory.
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            // Every 2 MiB page the array touches, its first and last included: the collector's memory next to it is
            // as fresh, and a page already partly in use keeps its 4 KiB pages whatever the advice.
            var start = (long)handle.AddrOfPinnedObject();
            var first = start & ~(HugePageBytes - 1);
            var end = (start + bytes + HugePageBytes - 1) & ~(HugePageBytes - 1);
            _ = MemoryAdvise((nint)first, (nuint)(end - first), AdviseHugePage);

            // The advice alone rarely helps: the collector has written the array's header (and its neighbours')
            // before it returns, and a 2 MiB page with any 4 KiB page in it stays in 4 KiB pages on later faults.
            // Collapsing turns each 2 MiB page of the range that the collector has committed into a huge page now
            // (copying what is written); a page only partly committed fails alone, and older kernels refuse the
            // call, both harmlessly. On this project's build machine a 2 MiB page collapsed costs 0.3–3.4 ms
            // against about 6 ms for its 512 faults (benchmarks/scripts/collapse-cost.c).
            _ = MemoryAdvise((nint)first, (nuint)(end - first), AdviseCollapse);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            s_unavailable = true;
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>
    /// Whether the machine's administrator turned transparent huge pages off (`never`): collapsing would give huge
    /// pages anyway (the kernel applies that setting to faults and advice, not to MADV_COLLAPSE), so nothing is asked.
    /// </summary>
    private static bool HugePagesTurnedOff()
    {
        try
        {
            return File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[never]", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int MemoryAdvise(nint address, nuint length, int advice);
}
