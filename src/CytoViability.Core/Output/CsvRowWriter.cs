using System.Globalization;

namespace CytoViability.Core.Output;

/// <summary>
/// Writes CSV cells the way every output table is written: comma separated, "\n" line ends, invariant culture,
/// RFC 4180 quoting (a cell holding a comma, quote, CR or LF is quoted and its quotes doubled).
/// Text that a spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a leading apostrophe,
/// unless it is a plain number such as "-5"; text already starting with an apostrophe gets one more, so
/// <see cref="CsvReader"/> can remove exactly what was added. Numbers are written shortest-round-trip ("R"),
/// NaN as an empty cell and −0 as 0, so a value reads back bit for bit and a run writes the same bytes every time.
/// </summary>
internal sealed class CsvRowWriter
{
    private readonly TextWriter _output;
    private bool _rowStarted;

    public CsvRowWriter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    public void Text(string? value)
    {
        Separator();
        var cell = NeutraliseFormula(value ?? string.Empty);
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _output.Write(cell);
            return;
        }

        _output.Write('"');
        _output.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
        _output.Write('"');
    }

    public void Number(double value)
    {
        Separator();
        _output.Write(FormatNumber(value));
    }

    /// <summary>A number that may be absent: null and NaN are both an empty cell.</summary>
    public void Number(double? value)
    {
        if (value is { } present)
        {
            Number(present);
        }
        else
        {
            Separator();
        }
    }

    public void Integer(long value)
    {
        Separator();
        _output.Write(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Boolean(bool value)
    {
        Separator();
        _output.Write(value ? "true" : "false");
    }

    public void EndRow()
    {
        _output.Write('\n');
        _rowStarted = false;
    }

    /// <summary>Writes a whole row of text cells.</summary>
    public void Row(IEnumerable<string> cells)
    {
        foreach (var cell in cells)
        {
            Text(cell);
        }

        EndRow();
    }

    internal static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return string.Empty;
        }

        return value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);
    }

    internal static string NeutraliseFormula(string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var first = value[0];
        var escape = first switch
        {
            '\'' or '=' or '@' or '\t' or '\r' => true,
            '+' or '-' => !IsPlainNumber(value),
            _ => false,
        };
        return escape ? "'" + value : value;
    }

    private static bool IsPlainNumber(string value)
        => double.TryParse(
            value,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out _);

    private void Separator()
    {
        if (_rowStarted)
        {
            _output.Write(',');
        }

        _rowStarted = true;
    }
}
