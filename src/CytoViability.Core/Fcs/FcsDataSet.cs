using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CytoViability.Core.Fcs;

/// <summary>
/// One data set of an FCS file: keywords, parameters and the events, held column-major (one float[] per
/// channel) because gates, compensation and statistics all walk one channel at a time over every event.
/// </summary>
internal sealed class FcsDataSet
{
    private readonly float[][]? _columns;
    private readonly double[]?[]? _exactColumns;
    private readonly SpilloverMatrix? _spillover;
    private readonly FcsFormatException? _spilloverError;
    private readonly int _timeChannelWithTimestepGain;

    internal FcsDataSet(
        string version,
        FcsKeywords keywords,
        IReadOnlyList<FcsParameter> parameters,
        int eventCount,
        IReadOnlyList<string> warnings,
        IReadOnlyList<string> notes,
        char dataType,
        FcsSegmentOffsets offsets,
        float[][]? columns,
        double[]?[]? exactColumns,
        SpilloverMatrix? spillover,
        FcsFormatException? spilloverError,
        int timeChannelWithTimestepGain)
    {
        _timeChannelWithTimestepGain = timeChannelWithTimestepGain;
        Version = version;
        Keywords = keywords;
        Parameters = parameters;
        EventCount = eventCount;
        Warnings = warnings;
        Notes = notes;
        DataType = dataType;
        Offsets = offsets;
        _columns = columns;
        _exactColumns = exactColumns;
        _spillover = spillover;
        _spilloverError = spilloverError;
    }

    /// <summary>"2.0", "3.0", "3.1" as in the HEADER.</summary>
    public string Version { get; }

    public FcsKeywords Keywords { get; }

    public IReadOnlyList<FcsParameter> Parameters { get; }

    public int EventCount { get; }

    /// <summary>What the reader repaired or chose while reading (offset disagreements, empty values, ...).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// What the reader accounted for that is normal for the instrument (FACSDiva's Time $PnG equal to $TIMESTEP):
    /// worth showing in <c>inspect</c>, not worth a QC warning on every file.
    /// </summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>$DATATYPE: 'I' integer, 'F' float32, 'D' float64, 'A' ASCII.</summary>
    public char DataType { get; }

    /// <summary>Where this data set's segments lie in the file (absolute byte offsets).</summary>
    public FcsSegmentOffsets Offsets { get; }

    /// <summary>
    /// 1, or k when only events 0, k, 2k, … of the file were decoded (<see cref="FcsReadOptions.SampledEvents"/>):
    /// then <see cref="EventCount"/> counts those events, not $TOT.
    /// </summary>
    public int EventStride { get; init; } = 1;

    /// <summary>True when events were decoded (false after <see cref="FcsReadOptions.KeywordsOnly"/>).</summary>
    public bool HasEvents => _columns is not null;

    /// <summary>Memory the decoded events take: the float columns and any float64 copies kept for exactness.</summary>
    internal long DecodedBytes
    {
        get
        {
            long bytes = 0;
            foreach (var column in _columns ?? [])
            {
                bytes += 4L * column.Length;
            }

            foreach (var exact in _exactColumns ?? [])
            {
                bytes += 8L * (exact?.Length ?? 0);
            }

            return bytes;
        }
    }

    /// <summary>True when the spillover keyword is present but cannot be read (see <see cref="Spillover"/>).</summary>
    public bool HasUnreadableSpillover => _spilloverError is not null;

    /// <summary>
    /// The acquisition spillover from $SPILLOVER, SPILL or SPILLOVER (channels by $PnN); null when the file has
    /// none. Throws <see cref="FcsFormatException"/> when the keyword is present but cannot be read
    /// unambiguously, so a file is never compensated with a guessed matrix.
    /// </summary>
    public SpilloverMatrix? Spillover => _spilloverError is null ? _spillover : throw _spilloverError;

    /// <summary>
    /// Raw decoded values of parameter <paramref name="index"/> (0-based), integers masked to the $PnR bits.
    /// The array is the data set's own storage: read it, do not modify it.
    /// </summary>
    public float[] Column(int index) => Events()[CheckIndex(index)];

    /// <summary>The same values as float64, exact also for $DATATYPE D and integers wider than 24 bits.</summary>
    public double[] ExactColumn(int index) => ExactColumn(index, 1);

    /// <summary>Events 0, k, 2k, ... of <see cref="ExactColumn(int)"/> (k = <paramref name="stride"/>).</summary>
    private double[] ExactColumn(int index, int stride)
    {
        var column = Events()[CheckIndex(index)];
        var exact = _exactColumns?[index];
        var values = SampleBuffers.Doubles(column.Length == 0 ? 0 : ((column.Length - 1) / stride) + 1);
        if (exact is null && stride == 1)
        {
            Widen(column, values);
            return values;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = exact is not null ? exact[i * stride] : column[i * stride];
        }

        return values;
    }

    /// <summary>
    /// FCS scale values: for integer (and ASCII) data with $PnE f1 &gt; 0, 10^(f1·x/$PnR)·f2 (f2 = 0 read as 1);
    /// otherwise x/$PnG when $PnG is present and not 0 or 1; float data is never log-decoded. A Time channel
    /// whose $PnG equals $TIMESTEP (FACSDiva) is left as stored: that $PnG is a time unit, not a gain.
    /// </summary>
    public double[] ScaleColumn(int index) => ScaleColumn(index, 1);

    /// <summary>
    /// The scale values of events 0, k, 2k, ... (k = <paramref name="stride"/>): a sample of the column in file
    /// order without the whole column in memory (gate placement counts at most ~10,000 events of a file).
    /// </summary>
    public double[] ScaleColumn(int index, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        var values = ExactColumn(index, stride);
        Scale(index, values);
        return values;
    }

    /// <summary>
    /// The scale values of events <paramref name="first"/> .. <paramref name="first"/> + length − 1 into
    /// <paramref name="destination"/>, equal to that slice of <see cref="ScaleColumn(int)"/>: gating reads a file
    /// block by block through this, so no whole float64 copy of a column is made for it.
    /// </summary>
    internal void ScaleBlock(int index, int first, Span<double> destination)
    {
        var column = Events()[CheckIndex(index)];
        if (_exactColumns?[index] is { } exact)
        {
            exact.AsSpan(first, destination.Length).CopyTo(destination);
        }
        else
        {
            Widen(column.AsSpan(first, destination.Length), destination);
        }

        Scale(index, destination);
    }

    /// <summary>Float to float64, eight values per step where the hardware allows (exact either way).</summary>
    private static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && destination.Length >= source.Length)
        {
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var to = ref MemoryMarshal.GetReference(destination);
            for (; i <= source.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref from, (nuint)i));
                lower.StoreUnsafe(ref to, (nuint)i);
                upper.StoreUnsafe(ref to, (nuint)(i + Vector256<double>.Count));
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    /// <summary>
    /// The decoded float column of parameter <paramref name="index"/> when its values, widened to float64, are its
    /// scale values as they are (<see cref="ScaleBlock"/> would only widen them: no $PnE log decoding, no $PnG
    /// division, no exact float64 copy); null otherwise. Compensation then reads the floats directly instead of a
    /// float64 copy of each block.
    /// </summary>
    internal float[]? WidenedColumn(int index)
    {
        var column = Events()[CheckIndex(index)];
        return _exactColumns?[index] is null && !LogDecoded(index) && Divisor(index) is null ? column : null;
    }

    private bool LogDecoded(int index) => DataType is 'I' or 'A' && Parameters[index].LogDecades > 0;

    private double? Divisor(int index) =>
        Parameters[index].Gain is { } gain && gain != 0 && gain != 1 && index != _timeChannelWithTimestepGain ? gain : null;

    /// <summary>Raw values to scale values in place (see <see cref="ScaleColumn(int)"/>).</summary>
    private void Scale(int index, Span<double> values)
    {
        var parameter = Parameters[index];
        if (LogDecoded(index))
        {
            var decades = parameter.LogDecades;
            var range = parameter.Range;
            var offset = parameter.LogOffset == 0 ? 1.0 : parameter.LogOffset;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Math.Pow(10, decades * values[i] / range) * offset;
            }

            return;
        }

        if (Divisor(index) is { } gain)
        {
            var i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var divisor = Vector256.Create(gain);
                ref var value = ref MemoryMarshal.GetReference(values);
                for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
                {
                    (Vector256.LoadUnsafe(ref value, (nuint)i) / divisor).StoreUnsafe(ref value, (nuint)i);
                }
            }

            for (; i < values.Length; i++)
            {
                values[i] /= gain;
            }
        }
    }

    /// <summary>Index of the parameter whose $PnN, or failing that $PnS, matches (<see cref="ParameterLookup"/>); -1 if none.</summary>
    public int FindParameter(string nameOrStain)
        => ParameterLookup.ByNameThenStain(Parameters.Count, i => Parameters[i].Name, i => Parameters[i].Stain, nameOrStain);

    private float[][] Events() =>
        _columns ?? throw new InvalidOperationException("This data set was read with KeywordsOnly; its events were not decoded.");

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)Parameters.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The data set has {Parameters.Count} parameters.");
        }

        return index;
    }
}
