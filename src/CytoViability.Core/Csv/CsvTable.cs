using System.Globalization;

namespace CytoViability.Core.Csv;

/// <summary>A CSV file read back: the header and the rows of text cells.</summary>
internal sealed class CsvTable
{
    public CsvTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Index of a header column (exact name), or -1.</summary>
    public int ColumnIndex(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Index of a required column; a missing one is a <see cref="FormatException"/> naming it.</summary>
    public int RequireColumn(string name)
    {
        var index = ColumnIndex(name);
        return index >= 0 ? index : throw new FormatException("CSV column '" + name + "' is missing");
    }

    /// <summary>A cell as a number; an empty cell is NaN.</summary>
    public static double ParseNumber(string cell)
        => cell.Length == 0 ? double.NaN : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
