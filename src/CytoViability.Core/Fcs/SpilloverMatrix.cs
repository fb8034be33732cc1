namespace CytoViability.Core.Fcs;

/// <summary>
/// A spillover matrix as FCS 3.1 $SPILLOVER defines it: row i is the fluorochrome measured in channel
/// <c>Channels[i]</c> and column j the detector <c>Channels[j]</c>; entry (i, j) is the fraction of the
/// row's signal that lands in the column's detector (diagonal normally 1).
/// </summary>
internal sealed class SpilloverMatrix
{
    private readonly double[] _values;

    /// <param name="channels">Channel names ($PnN) in matrix order.</param>
    /// <param name="rowMajorValues">Size × Size values, row by row.</param>
    public SpilloverMatrix(IReadOnlyList<string> channels, IReadOnlyList<double> rowMajorValues)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(rowMajorValues);
        if (channels.Count == 0)
        {
            throw new ArgumentException("A spillover matrix needs at least one channel.", nameof(channels));
        }

        if (rowMajorValues.Count != channels.Count * channels.Count)
        {
            throw new ArgumentException(
                $"A spillover matrix of {channels.Count} channels needs {channels.Count * channels.Count} values, not {rowMajorValues.Count}.",
                nameof(rowMajorValues));
        }

        Channels = channels.ToArray();
        _values = rowMajorValues.ToArray();
    }

    public IReadOnlyList<string> Channels { get; }

    public int Size => Channels.Count;

    public double this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Size)
            {
                throw new ArgumentOutOfRangeException(nameof(row));
            }

            if ((uint)column >= (uint)Size)
            {
                throw new ArgumentOutOfRangeException(nameof(column));
            }

            return _values[(row * Size) + column];
        }
    }

    /// <summary>True when the matrix is the identity, i.e. compensating with it changes nothing.</summary>
    public bool IsIdentity
    {
        get
        {
            for (var r = 0; r < Size; r++)
            {
                for (var c = 0; c < Size; c++)
                {
                    if (_values[(r * Size) + c] != (r == c ? 1.0 : 0.0))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
