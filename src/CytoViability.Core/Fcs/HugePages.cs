using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CytoViability.Core.Fcs;

/// <summary>
/// Asks Linux to back a large array with 2 MiB pages (transparent huge pages) before it is first written. A fresh
/// array costs a page fault for each 4 KiB page on first write; a process's first 1,000,000-event file takes about
/// 33,000 of them for its columns, and on a virtual machine each costs ~10 µs (a third of a second per process).
/// With huge pages that is one fault per 2 MiB. Linux's default transparent-huge-page mode on many distributions
/// (`madvise`) gives huge pages only to memory that asks for them, which is what this does; under `always` it changes
/// nothing and under `never` the kernel ignores it. Elsewhere (Windows, macOS) it does nothing.
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

    private static bool s_unavailable = !OperatingSystem.IsLinux();

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

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int MemoryAdvise(nint address, nuint length, int advice);
}
