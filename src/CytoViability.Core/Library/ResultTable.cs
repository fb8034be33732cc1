using System.Globalization;

namespace CytoViability.Library;

/// <summary>One CSV table of a run's output folder, as written (cells are text; numbers in invariant culture).</summary>
public sealed class ResultTable
{
    internal ResultTable(string name, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Name = name;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The file name, e.g. <c>populations.csv</c>.</summary>
    public string Name { get; }

    /// <summary>The header.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, each with one cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>The cell of <paramref name="row"/> in the named column.</summary>
    /// <exception cref="KeyNotFoundException">The table has no such column.</exception>
    public string Cell(int row, string column) => Rows[row][ColumnIndex(column)];

    /// <summary>The cell of <paramref name="row"/> in the named column as a number (empty cells are NaN).</summary>
    public double Number(int row, string column)
    {
        var cell = Cell(row, column);
        return cell.Length == 0 ? double.NaN : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private int ColumnIndex(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        throw new KeyNotFoundException(Name + " has no column '" + column + "'");
    }
}
