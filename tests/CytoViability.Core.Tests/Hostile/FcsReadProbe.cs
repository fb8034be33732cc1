using System.Globalization;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Reads one hostile input under watch: on its own task with a time limit, counting what the reading thread
/// allocated, and touching every column so lazy decoding is exercised too. Says what, if anything, broke the
/// reader's promise: read it, or refuse it with an <see cref="FcsFormatException"/> naming file, segment and offset;
/// never another exception, never a hang, never more memory than the file's size can justify.
/// </summary>
internal static class FcsReadProbe
{
    /// <summary>Float columns take 4 bytes per value and packed data can use as little as 1 bit per value.</summary>
    public const long AllocationPerFileByte = 64;

    /// <summary>Keyword tables, parameter records and the reader's own fixed costs.</summary>
    public const long AllocationConstant = 4 << 20;

    public static TimeSpan TimeLimit { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Null when the reader kept its promise on <paramref name="bytes"/>; otherwise what it did wrong.</summary>
    public static string? Violation(byte[] bytes, string source, out bool refused)
    {
        var task = Task.Factory.StartNew(() => ReadAndMeasure(bytes, source), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!task.Wait(TimeLimit))
        {
            refused = false;
            return "no answer within " + TimeLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s (hang)";
        }

        var (exception, allocated) = task.Result;
        refused = exception is FcsFormatException;
        var limit = (AllocationPerFileByte * bytes.Length) + AllocationConstant;
        if (allocated > limit)
        {
            return "allocated " + allocated.ToString(CultureInfo.InvariantCulture) + " bytes for a " + bytes.Length.ToString(CultureInfo.InvariantCulture)
                + "-byte file (limit " + limit.ToString(CultureInfo.InvariantCulture) + ")" + (exception is null ? string.Empty : " then threw " + exception.GetType().Name);
        }

        return exception switch
        {
            null => null,
            FcsFormatException format => MessageProblem(format, source),
            _ => "threw " + exception.GetType().FullName + ": " + exception.Message + Environment.NewLine + exception.StackTrace,
        };
    }

    /// <summary>What is missing from a refusal's message, or null when it names file, segment and offset.</summary>
    public static string? MessageProblem(FcsFormatException format, string source)
    {
        var offset = format.Offset.ToString(CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(format.Segment) || format.Offset < 0 || format.Source != source
            || !format.Message.Contains(source, StringComparison.Ordinal)
            || !format.Message.Contains(format.Segment, StringComparison.Ordinal)
            || !format.Message.Contains(offset, StringComparison.Ordinal))
        {
            return "FcsFormatException without file/segment/offset: source='" + format.Source + "' segment='" + format.Segment
                + "' offset=" + offset + " message='" + format.Message + "'";
        }

        return null;
    }

    private static (Exception? Exception, long Allocated) ReadAndMeasure(byte[] bytes, string source)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var file = FcsReader.Read(bytes, source);
            foreach (var dataSet in file.DataSets)
            {
                for (var i = 0; i < dataSet.Parameters.Count; i++)
                {
                    if (dataSet.Column(i).Length != dataSet.EventCount)
                    {
                        return (new InvalidDataException("column " + i + " has " + dataSet.Column(i).Length + " values for " + dataSet.EventCount + " events"), 0);
                    }
                }
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            foreach (var dataSet in file.DataSets)
            {
                for (var i = 0; i < dataSet.Parameters.Count; i++)
                {
                    _ = dataSet.ExactColumn(i);
                    _ = dataSet.ScaleColumn(i);
                }

                _ = dataSet.FindParameter("FITC-A");
                _ = dataSet.Keywords["$FIL"];
            }

            return (null, allocated);
        }
        catch (Exception exception)
        {
            return (exception, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
