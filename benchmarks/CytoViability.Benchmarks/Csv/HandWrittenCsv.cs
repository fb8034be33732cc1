using System.Globalization;
using System.Text;

namespace CytoViability.Benchmarks.Csv;

/// <summary>The CSV writer before Sep (issue 12), kept as the baseline of <see cref="CsvBenchmarks"/>.</summary>
internal sealed class HandWrittenCsvWriter
{
    private readonly TextWriter _output;
    private bool _rowStarted;

    public HandWrittenCsvWriter(TextWriter output)
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

/// <summary>The CSV reader before Sep (issue 12), kept as the baseline of <see cref="CsvBenchmarks"/>.</summary>
internal static class HandWrittenCsvReader
{
    public static CytoViability.Core.Csv.CsvTable ReadFile(string path) => Read(File.ReadAllText(path, Encoding.UTF8));

    public static CytoViability.Core.Csv.CsvTable Read(string text)
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
            return new CytoViability.Core.Csv.CsvTable([], []);
        }

        return new CytoViability.Core.Csv.CsvTable(rows[0], rows.GetRange(1, rows.Count - 1));
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
