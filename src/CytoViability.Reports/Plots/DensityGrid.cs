namespace CytoViability.Reports.Plots;

/// <summary>
/// Event counts binned over a plot's area: <see cref="Rows"/> × <see cref="Columns"/>, row 0 at the bottom (lowest y),
/// one row for a histogram. Binning keeps the report small and fast however many events a file holds: a plot of a
/// million events costs the same as one of a thousand.
/// </summary>
internal sealed class DensityGrid
{
    public DensityGrid(int columns, int rows, int[] counts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Length != columns * rows)
        {
            throw new ArgumentException(counts.Length + " counts for a " + columns + " × " + rows + " grid", nameof(counts));
        }

        Columns = columns;
        Rows = rows;
        Counts = counts;
    }

    public int Columns { get; }

    public int Rows { get; }

    /// <summary>Row-major counts, index row * Columns + column.</summary>
    public int[] Counts { get; }

    public int this[int column, int row] => Counts[(row * Columns) + column];

    /// <summary>Bins events onto the grid; values outside the axis range are put on its edge, as cytometers show off-scale events.</summary>
    public static DensityGrid Bin(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<ulong> members, PlotAxis xAxis, PlotAxis yAxis, int columns, int rows)
    {
        var counts = new int[columns * rows];
        var xScale = columns / (xAxis.Maximum - xAxis.Minimum);
        var yScale = rows / (yAxis.Maximum - yAxis.Minimum);
        for (var word = 0; word < members.Length; word++)
        {
            var bits = members[word];
            while (bits != 0)
            {
                var index = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var xv = x[index];
                var yv = y[index];
                if (double.IsFinite(xv) && double.IsFinite(yv))
                {
                    var column = Bin((xv - xAxis.Minimum) * xScale, columns);
                    var row = Bin((yv - yAxis.Minimum) * yScale, rows);
                    counts[(row * columns) + column]++;
                }
            }
        }

        return new DensityGrid(columns, rows, counts);
    }

    /// <summary>A histogram of the members' values on <paramref name="axis"/>.</summary>
    public static DensityGrid Histogram(ReadOnlySpan<double> x, ReadOnlySpan<ulong> members, PlotAxis axis, int bins)
    {
        var counts = new int[bins];
        var scale = bins / (axis.Maximum - axis.Minimum);
        for (var word = 0; word < members.Length; word++)
        {
            var bits = members[word];
            while (bits != 0)
            {
                var index = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var value = x[index];
                if (double.IsFinite(value))
                {
                    counts[Bin((value - axis.Minimum) * scale, bins)]++;
                }
            }
        }

        return new DensityGrid(bins, 1, counts);
    }

    private static int Bin(double scaled, int count) => scaled <= 0 ? 0 : scaled >= count ? count - 1 : (int)scaled;
}
