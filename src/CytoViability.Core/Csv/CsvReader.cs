using System.Text;
using nietras.SeparatedValues;

namespace CytoViability.Core.Csv;

/// <summary>
/// Reads the CSV that <see cref="CsvRowWriter"/> writes (and any RFC 4180 CSV): quoted cells with doubled
/// quotes and embedded line breaks, "\n", "\r\n" or "\r" line ends. The apostrophe the writer puts before
/// formula-like text is removed again. Sep splits the text into rows and cells; it accepts stray quotes without a
/// word, so a cell holding a quote is checked here and a broken one is a <see cref="FormatException"/> naming its line.
/// </summary>
internal static class CsvReader
{
    // Rows may differ in length (a blank line is one empty cell; the callers check the counts and name the row),
    // and the first row is read as a row: a header naming a column twice is the caller's error to report, not Sep's.
    private static readonly SepReaderOptions Options = new(Sep.New(',')) { HasHeader = false, DisableColCountCheck = true };

    public static CsvTable ReadFile(string path) => Read(File.ReadAllText(path, Encoding.UTF8));

    public static CsvTable Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<IReadOnlyList<string>>();
        using (var reader = Options.FromText(text))
        {
            foreach (var row in reader)
            {
                // Sep numbers the first row's lines from its end; every later row starts where the one before ended.
                var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
                var cells = new string[row.ColCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = Cell(row[i].Span, ref line);
                }

                rows.Add(cells);
            }
        }

        if (rows.Count == 0)
        {
            return new CsvTable([], []);
        }

        return new CsvTable(rows[0], rows.GetRange(1, rows.Count - 1));
    }

    /// <summary>One cell as written in the file: unquoted, or quoted whole with doubled inner quotes.</summary>
    private static string Cell(ReadOnlySpan<char> raw, ref int line)
    {
        var quote = raw.IndexOf('"');
        if (quote < 0)
        {
            line += raw.Count('\n');
            return Unescape(raw);
        }

        if (quote > 0)
        {
            throw new FormatException("CSV line " + (line + raw[..quote].Count('\n')) + ": quote inside an unquoted cell");
        }

        var cell = new StringBuilder(raw.Length);
        var position = 1;
        while (true)
        {
            var closing = raw[position..].IndexOf('"');
            if (closing < 0)
            {
                throw new FormatException("CSV line " + (line + raw.Count('\n')) + ": quoted cell not closed before the end of the file");
            }

            cell.Append(raw.Slice(position, closing));
            position += closing + 1;
            if (position < raw.Length && raw[position] == '"')
            {
                cell.Append('"');
                position++;
                continue;
            }

            if (position < raw.Length)
            {
                throw new FormatException("CSV line " + (line + raw[..position].Count('\n')) + ": text after a closing quote");
            }

            line += raw.Count('\n');
            return Unescape(cell.ToString());
        }
    }

    private static string Unescape(ReadOnlySpan<char> value)
        => IsEscaped(value) ? value[1..].ToString() : value.ToString();

    private static string Unescape(string value)
        => IsEscaped(value) ? value[1..] : value;

    private static bool IsEscaped(ReadOnlySpan<char> value)
        => value.Length >= 2 && value[0] == '\'' && value[1] is '\'' or '=' or '+' or '-' or '@' or '\t' or '\r';
}
