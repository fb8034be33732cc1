using System.Globalization;
using nietras.SeparatedValues;

namespace CytoViability.Core.Csv;

/// <summary>
/// Writes CSV cells the way every output table is written: comma separated, "\n" line ends, invariant culture,
/// RFC 4180 quoting (a cell holding a comma, quote, CR or LF is quoted and its quotes doubled).
/// Text that a spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a leading apostrophe,
/// unless it is a plain number such as "-5"; text already starting with an apostrophe gets one more, so
/// <see cref="CsvReader"/> can remove exactly what was added. Numbers are written shortest-round-trip ("R"),
/// NaN as an empty cell and −0 as 0, so a value reads back bit for bit and a run writes the same bytes every time.
/// Sep quotes the cells and ends the rows; the cell text (apostrophes, numbers) is made here. A row's cells are
/// gathered end to end in one buffer and handed to Sep at <see cref="EndRow"/>, since a Sep row cannot outlive a call.
/// </summary>
internal sealed class CsvRowWriter : IDisposable
{
    // Rows may differ in length (a header, then data rows, in one writer), so no column count is checked.
    private static readonly SepWriterOptions Options = new(Sep.New(','))
    {
        WriteHeader = false,
        DisableColCountCheck = true,
        ColNotSetOption = SepColNotSetOption.Skip,
        Escape = true,
    };

    private readonly SepWriter _writer;
    private char[] _text = new char[256];
    private int _length;
    private int[] _ends = new int[16];
    private int _cells;

    /// <summary>
    /// Writes to <paramref name="output"/>, whose <see cref="TextWriter.NewLine"/> becomes "\n": Sep ends a row with
    /// the writer's NewLine, which is "\r\n" on Windows, and the tables are the same bytes on every system.
    /// </summary>
    public CsvRowWriter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.NewLine = "\n";
        _writer = Options.To(output, leaveOpen: true);
    }

    public void Text(string? value)
    {
        var text = (value ?? string.Empty).AsSpan();
        if (NeedsApostrophe(text))
        {
            Append("'");
        }

        Append(text);
        EndCell();
    }

    public void Number(double value)
    {
        if (double.IsNaN(value))
        {
            EndCell();
            return;
        }

        if (value == 0)
        {
            Append("0");
            EndCell();
            return;
        }

        int written;
        while (!value.TryFormat(_text.AsSpan(_length), out written, "R", CultureInfo.InvariantCulture))
        {
            Grow(32);
        }

        _length += written;
        EndCell();
    }

    /// <summary>A number that may be absent: null and NaN are both an empty cell.</summary>
    public void Number(double? value) => Number(value ?? double.NaN);

    public void Integer(long value)
    {
        int written;
        while (!value.TryFormat(_text.AsSpan(_length), out written, default, CultureInfo.InvariantCulture))
        {
            Grow(24);
        }

        _length += written;
        EndCell();
    }

    public void Boolean(bool value)
    {
        Append(value ? "true" : "false");
        EndCell();
    }

    public void EndRow()
    {
        using (var row = _writer.NewRow())
        {
            var start = 0;
            for (var i = 0; i < _cells; i++)
            {
                row[i].Set(_text.AsSpan(start, _ends[i] - start));
                start = _ends[i];
            }
        }

        _length = 0;
        _cells = 0;
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

    public void Dispose() => _writer.Dispose();

    private static bool NeedsApostrophe(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        return value[0] switch
        {
            '\'' or '=' or '@' or '\t' or '\r' => true,
            '+' or '-' => !IsPlainNumber(value),
            _ => false,
        };
    }

    private static bool IsPlainNumber(ReadOnlySpan<char> value)
        => double.TryParse(
            value,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out _);

    private void Append(ReadOnlySpan<char> text)
    {
        if (_text.Length - _length < text.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_text.AsSpan(_length));
        _length += text.Length;
    }

    private void EndCell()
    {
        if (_cells == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        _ends[_cells++] = _length;
    }

    private void Grow(int atLeast) => Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + atLeast));
}
