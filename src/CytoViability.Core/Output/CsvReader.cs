using System.Text;

namespace CytoViability.Core.Output;

/// <summary>
/// Reads the CSV that <see cref="CsvRowWriter"/> writes (and any RFC 4180 CSV): quoted cells with doubled
/// quotes and embedded line breaks, "\n" or "\r\n" line ends. The apostrophe the writer puts before
/// formula-like text is removed again.
/// </summary>
internal static class CsvReader
{
    public static CsvTable ReadFile(string path) => Read(File.ReadAllText(path, Encoding.UTF8));

    public static CsvTable Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        var position = 0;
        var line = 1;
        while (position < text.Length)
        {
            var c = text[position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (position < text.Length && text[position] == '"')
                    {
                        cell.Append('"');
                        position++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0 && !wasQuoted:
                    quoted = true;
                    wasQuoted = true;
                    break;
                case '"':
                    throw new FormatException("CSV line " + line + ": quote inside an unquoted cell");
                case ',':
                    row.Add(Unescape(cell));
                    wasQuoted = false;
                    break;
                case '\r' when position < text.Length && text[position] == '\n':
                    break;
                case '\n':
                    row.Add(Unescape(cell));
                    wasQuoted = false;
                    rows.Add(row);
                    row = [];
                    line++;
                    break;
                default:
                    if (wasQuoted)
                    {
                        throw new FormatException("CSV line " + line + ": text after a closing quote");
                    }

                    cell.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException("CSV line " + line + ": quoted cell not closed before the end of the file");
        }

        if (cell.Length > 0 || wasQuoted || row.Count > 0)
        {
            row.Add(Unescape(cell));
            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            return new CsvTable([], []);
        }

        return new CsvTable(rows[0], rows.GetRange(1, rows.Count - 1));
    }

    private static string Unescape(StringBuilder cell)
    {
        var value = cell.ToString();
        cell.Clear();
        if (value.Length >= 2 && value[0] == '\'' && value[1] is '\'' or '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            return value[1..];
        }

        return value;
    }
}
