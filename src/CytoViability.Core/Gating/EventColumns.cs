using CytoViability.Core.Fcs;

namespace CytoViability.Core.Gating;

/// <summary>
/// The events a strategy is evaluated on: per parameter a name (<c>$PnN</c>), an optional stain (<c>$PnS</c>) and a
/// column of scale values in file order, fetched on first use and then kept, so a channel nobody gates on is never
/// decoded. Columns read from a data set are also readable block by block (<see cref="ReadBlock"/>) without a whole
/// float64 copy: gating reads them that way, and only a channel whose every value is wanted (statistics, plots) is
/// made whole.
/// </summary>
internal sealed class EventColumns
{
    private readonly Func<int, double[]> _fetch;
    private readonly BlockSource? _block;
    private readonly Func<int, float[]?>? _widened;
    private readonly double[]?[] _columns;

    /// <summary>Columns provided on demand by <paramref name="scaleColumn"/> (0-based parameter index).</summary>
    public EventColumns(int eventCount, IReadOnlyList<string> names, IReadOnlyList<string?> stains, Func<int, double[]> scaleColumn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eventCount);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(stains);
        ArgumentNullException.ThrowIfNull(scaleColumn);
        if (stains.Count != names.Count)
        {
            throw new ArgumentException(names.Count + " names but " + stains.Count + " stains", nameof(stains));
        }

        EventCount = eventCount;
        Names = [.. names];
        Stains = [.. stains];
        _fetch = scaleColumn;
        _columns = new double[]?[names.Count];
    }

    /// <summary>Columns whose blocks <paramref name="block"/> fills, and whose whole columns <paramref name="scaleColumn"/> gives, equal slice by slice.</summary>
    /// <remarks>
    /// <paramref name="widened"/>, when given, names the parameters whose scale values are their float column widened
    /// (<see cref="FcsDataSet.WidenedColumn"/>): compensation reads those floats in place (<see cref="Widened"/>).
    /// </remarks>
    internal EventColumns(int eventCount, IReadOnlyList<string> names, IReadOnlyList<string?> stains, Func<int, double[]> scaleColumn, BlockSource block, Func<int, float[]?>? widened = null)
        : this(eventCount, names, stains, scaleColumn)
    {
        _block = block;
        _widened = widened;
    }

    /// <summary>Fills <c>destination</c> with the values of parameter <c>index</c> for events <c>first</c> .. <c>first</c> + length − 1.</summary>
    internal delegate void BlockSource(int index, int first, Span<double> destination);

    /// <summary>Number of events.</summary>
    public int EventCount { get; }

    /// <summary>Parameter names (<c>$PnN</c>), in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Parameter stains (<c>$PnS</c>), null where the file has none.</summary>
    public IReadOnlyList<string?> Stains { get; }

    /// <summary>Columns already in memory, named by <paramref name="names"/> (no stains).</summary>
    public static EventColumns FromArrays(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (names.Count != columns.Count)
        {
            throw new ArgumentException(names.Count + " names but " + columns.Count + " columns", nameof(columns));
        }

        var count = columns.Count == 0 ? 0 : columns[0].Length;
        foreach (var column in columns)
        {
            if (column.Length != count)
            {
                throw new ArgumentException("columns differ in length", nameof(columns));
            }
        }

        return new EventColumns(count, names, new string?[names.Count], index => columns[index]);
    }

    /// <summary>The scale values of a data set (<see cref="FcsDataSet.ScaleColumn"/>), decoded per channel on first use.</summary>
    public static EventColumns FromDataSet(FcsDataSet dataSet)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        var names = new string[dataSet.Parameters.Count];
        var stains = new string?[dataSet.Parameters.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = dataSet.Parameters[i].Name;
            stains[i] = dataSet.Parameters[i].Stain;
        }

        return new EventColumns(dataSet.EventCount, names, stains, dataSet.ScaleColumn, dataSet.ScaleBlock, dataSet.WidenedColumn);
    }

    /// <summary>
    /// The whole column of parameter <paramref name="index"/> when it is in memory already (or costs nothing to get,
    /// for columns not read from a data set); null when it would have to be made, and blocks should be read instead.
    /// </summary>
    internal double[]? InMemory(int index) => _columns[index] ?? (_block is null ? Column(index) : null);

    /// <summary>
    /// The float column of parameter <paramref name="index"/> whose values, widened to float64, are exactly its scale
    /// values, all <see cref="EventCount"/> of them; null when there is none (scaled channels, columns not from a data set).
    /// </summary>
    internal float[]? Widened(int index) => _widened?.Invoke(index) is { } column && column.Length >= EventCount ? column : null;

    /// <summary>The values of parameter <paramref name="index"/> for events <paramref name="first"/> onwards, into <paramref name="destination"/>.</summary>
    internal void ReadBlock(int index, int first, Span<double> destination)
    {
        if (_columns[index] is { } cached)
        {
            cached.AsSpan(first, destination.Length).CopyTo(destination);
        }
        else if (_block is not null)
        {
            _block(index, first, destination);
        }
        else
        {
            Column(index).AsSpan(first, destination.Length).CopyTo(destination);
        }
    }

    /// <summary>
    /// Keeps <paramref name="column"/> as the whole column of parameter <paramref name="index"/>: its values, equal to
    /// what <see cref="Column"/> would fetch, were read block by block (<see cref="ReadBlock"/>) into it already.
    /// </summary>
    internal void Keep(int index, double[] column)
    {
        if (column.Length != EventCount)
        {
            throw new InvalidOperationException("column " + Names[index] + " has " + column.Length + " values for " + EventCount + " events");
        }

        _columns[index] ??= column;
    }

    /// <summary>Index of the parameter whose <c>$PnN</c>, else <c>$PnS</c>, equals <paramref name="nameOrStain"/> (<see cref="ParameterLookup"/>); -1 when none.</summary>
    public int Find(string nameOrStain) => ParameterLookup.ByNameThenStain(Names.Count, i => Names[i], i => Stains[i], nameOrStain);

    /// <summary>The scale values of parameter <paramref name="index"/>; do not modify the array.</summary>
    public double[] Column(int index)
    {
        if (_columns[index] is { } cached)
        {
            return cached;
        }

        var column = _fetch(index);
        if (column.Length != EventCount)
        {
            throw new InvalidOperationException("column " + Names[index] + " has " + column.Length + " values for " + EventCount + " events");
        }

        _columns[index] = column;
        return column;
    }
}
