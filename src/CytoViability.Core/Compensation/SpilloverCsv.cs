using System.Globalization;

namespace CytoViability.Core.Compensation;

/// <summary>
/// A spillover matrix from a CSV file: the first row names the detectors (<c>$PnN</c>), each following row is one
/// spilling detector in the same order, optionally led by its name (then the header starts with an empty cell);
/// values are fractions in invariant culture. Rows spill into columns, as <c>$SPILLOVER</c>.
/// </summary>
internal static class SpilloverCsv
{
    private const long MaximumBytes = 1 << 20;

    /// <summary>Reads the matrix at <paramref name="path"/>; <paramref name="id"/> is how dimensions refer to it.</summary>
    public static CompensationMatrix ReadFile(string path, string id)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaximumBytes)
            {
                throw new CompensationException(path + ": larger than 1 MB; not a spillover matrix");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CompensationException(path + ": cannot be read: " + exception.Message, exception);
        }

        return Parse(text, path, id);
    }

    /// <summary>Reads a matrix from CSV text; <paramref name="source"/> names it in errors.</summary>
    public static CompensationMatrix Parse(string text, string source, string id)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var rows = new List<(int Line, string[] Cells)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                rows.Add((i + 1, [.. lines[i].Split(',').Select(cell => cell.Trim().Trim('"').Trim())]));
            }
        }

        if (rows.Count < 2)
        {
            throw new CompensationException(source + ": a spillover matrix needs a header row of detector names and one row per detector");
        }

        var header = rows[0].Cells;
        var labelled = header[0].Length == 0;
        var detectors = labelled ? header[1..] : header;
        if (detectors.Length == 0 || detectors.Any(name => name.Length == 0))
        {
            throw new CompensationException(source + ":" + rows[0].Line + ": every detector in the header needs a name");
        }

        if (detectors.Distinct(StringComparer.OrdinalIgnoreCase).Count() != detectors.Length)
        {
            throw new CompensationException(source + ":" + rows[0].Line + ": a detector is named twice");
        }

        if (rows.Count - 1 != detectors.Length)
        {
            throw new CompensationException(source + ": " + detectors.Length + " detectors need " + detectors.Length + " rows, found " + (rows.Count - 1));
        }

        var values = new double[detectors.Length, detectors.Length];
        for (var r = 0; r < detectors.Length; r++)
        {
            var (line, cells) = rows[r + 1];
            var numbers = labelled ? cells[1..] : cells;
            if (labelled && !string.Equals(cells[0], detectors[r], StringComparison.OrdinalIgnoreCase))
            {
                throw new CompensationException(source + ":" + line + ": row " + (r + 1) + " is labelled '" + cells[0] + "' but must be '" + detectors[r] + "' (rows in header order)");
            }

            if (numbers.Length != detectors.Length)
            {
                throw new CompensationException(source + ":" + line + ": " + numbers.Length + " values for " + detectors.Length + " detectors");
            }

            for (var c = 0; c < numbers.Length; c++)
            {
                if (!double.TryParse(numbers[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new CompensationException(source + ":" + line + ": '" + numbers[c] + "' (column " + detectors[c] + ") is not a number");
                }

                values[r, c] = value;
            }
        }

        return CompensationMatrix.Square(id, detectors, values);
    }
}
