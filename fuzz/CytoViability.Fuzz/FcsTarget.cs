using System.Globalization;
using CytoViability.Core.Fcs;

namespace CytoViability.Fuzz;

/// <summary>
/// The reader's promise as a crash: any exception but <see cref="FcsFormatException"/>, a refusal whose message does
/// not name file, segment and offset, or more allocation than the file's size justifies, escapes and AFL++ records
/// the input as a crash. A hang is AFL++'s own timeout (-t).
/// </summary>
internal static class FcsTarget
{
    private const string Source = "fuzz.fcs";

    public static void Run(byte[] bytes)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var file = FcsReader.Read(bytes, Source);
            foreach (var dataSet in file.DataSets)
            {
                for (var i = 0; i < dataSet.Parameters.Count; i++)
                {
                    if (dataSet.Column(i).Length != dataSet.EventCount)
                    {
                        throw new InvalidOperationException("column " + i + " length differs from the event count");
                    }
                }
            }

            CheckAllocation(bytes, before);
            foreach (var dataSet in file.DataSets)
            {
                for (var i = 0; i < dataSet.Parameters.Count; i++)
                {
                    _ = dataSet.ExactColumn(i);
                    _ = dataSet.ScaleColumn(i);
                }
            }
        }
        catch (FcsFormatException refusal)
        {
            CheckAllocation(bytes, before);
            var offset = refusal.Offset.ToString(CultureInfo.InvariantCulture);
            if (refusal.Offset < 0 || string.IsNullOrWhiteSpace(refusal.Segment) || !refusal.Message.Contains(Source, StringComparison.Ordinal)
                || !refusal.Message.Contains(refusal.Segment, StringComparison.Ordinal) || !refusal.Message.Contains(offset, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("refusal without file/segment/offset: " + refusal.Message, refusal);
            }
        }
    }

    /// <summary>The same bound as the test suite's FcsReadProbe: 64 bytes per file byte plus 4 MB.</summary>
    private static void CheckAllocation(byte[] bytes, long before)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > (64L * bytes.Length) + (4 << 20))
        {
            throw new InsufficientMemoryException("allocated " + allocated + " bytes for a " + bytes.Length + "-byte file");
        }
    }
}
