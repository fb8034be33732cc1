namespace CytoViability.Core.Fcs;

/// <summary>Reads FCS 2.0, 3.0 and 3.1 files, with the deviations real instruments write.</summary>
internal static class FcsReader
{
    private static readonly FcsReadOptions Defaults = new();

    /// <summary>Reads a file (opened read-only, shared for reading). Events are streamed from disk, not copied.</summary>
    /// <exception cref="FcsFormatException">The file is not a readable FCS file.</exception>
    public static FcsFile ReadFile(string path, FcsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);

        // Opening a named pipe for reading waits for a writer that may never come; pipes, sockets and devices
        // report no size, so a path without bytes is refused before it is opened.
        var info = new FileInfo(path);
        if (info.Exists && info.Length == 0)
        {
            throw new FcsFormatException(path, "HEADER", 0, "the file is empty (or is a pipe or device, not a file)");
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        return ReadFrom(new FcsFileSource(handle, length), path, options ?? Defaults);
    }

    /// <summary>Reads a file already in memory; <paramref name="source"/> names it in warnings and errors.</summary>
    /// <exception cref="FcsFormatException">The bytes are not a readable FCS file.</exception>
    public static FcsFile Read(ReadOnlyMemory<byte> bytes, string source, FcsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ReadFrom(new FcsMemorySource(bytes), source, options ?? Defaults);
    }

    /// <summary>Reads an open file through <paramref name="bytes"/> (which may hash it as it goes); <paramref name="source"/> names it.</summary>
    internal static FcsFile Read(FcsByteSource bytes, string source, FcsReadOptions? options = null) =>
        ReadFrom(bytes, source, options ?? Defaults);

    private static FcsFile ReadFrom(FcsByteSource bytes, string source, FcsReadOptions options)
    {
        var dataSets = new List<FcsDataSet>();
        var claimed = new List<FcsByteRange>();
        long start = 0;
        while (true)
        {
            var dataSetOptions = dataSets.Count > 0 && options.EventsOfFirstDataSetOnly ? new FcsReadOptions { KeywordsOnly = true } : options;
            var dataSet = FcsDataSetReader.Read(bytes, source, start, dataSets.Count, claimed, dataSetOptions, out var next);
            dataSets.Add(dataSet);
            if (next == 0 || options.FirstDataSetOnly)
            {
                break;
            }

            start = next;
        }

        return new FcsFile(source, dataSets);
    }
}
