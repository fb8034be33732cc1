using System.Globalization;
using System.Runtime.InteropServices;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

public sealed class HugePagesTests
{
    [Fact]
    public void A_large_array_s_memory_is_marked_for_huge_pages_and_its_values_are_untouched()
    {
        var values = new double[1 << 20];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i * 0.5;
        }

        HugePages.Advise(values);

        for (var i = 0; i < values.Length; i += 4099)
        {
            Assert.Equal(i * 0.5, values[i]);
        }

        // The kernel's own account of the mapping: madvise(MADV_HUGEPAGE) sets the "hg" flag on the memory it covers.
        if (OperatingSystem.IsLinux() && Directory.Exists("/sys/kernel/mm/transparent_hugepage"))
        {
            var handle = GCHandle.Alloc(values, GCHandleType.Pinned);
            try
            {
                var middle = (ulong)handle.AddrOfPinnedObject() + (4UL << 20);
                Assert.Contains("hg", VmFlags(middle).Split(' '));
            }
            finally
            {
                handle.Free();
            }
        }
    }

    [Fact]
    public void An_array_below_the_large_object_size_is_left_alone()
    {
        var small = new float[1000];
        small[999] = 3f;
        HugePages.Advise(small);
        Assert.Equal(3f, small[999]);
    }

    /// <summary>The VmFlags line of the mapping in /proc/self/smaps that holds <paramref name="address"/>.</summary>
    private static string VmFlags(ulong address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
            {
                inside = address >= start && address < end;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line["VmFlags:".Length..].Trim();
            }
        }

        throw new InvalidOperationException("no mapping holds address 0x" + address.ToString("x", CultureInfo.InvariantCulture));
    }
}
