using System.Globalization;
using CytoViability.Core.Csv;

namespace CytoViability.Core.Templates;

/// <summary>
/// Reads a template's spillover matrix CSV (docs/templates.md §1.5): a header of detector names, then one row per
/// spilling detector, optionally led by its name. Problems are reported at the template line naming the file.
/// </summary>
internal static class CompensationMatrixReader
{
    private const long MaximumBytes = 1 << 20;

    public static CompensationMatrixFile? Read(string fullPath, string writtenPath, TextPosition position, YamlReadContext context)
    {
        string text;
        try
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists)
            {
                context.Error(position, "compensation matrix '" + writtenPath + "' not found");
                return null;
            }

            if (info.Length > MaximumBytes)
            {
                context.Error(position, "compensation matrix '" + writtenPath + "' is larger than 1 MB");
                return null;
            }

            text = File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            context.Error(position, "compensation matrix '" + writtenPath + "' cannot be read: " + exception.Message);
            return null;
        }

        CsvTable table;
        try
        {
            table = CsvReader.Read(text);
        }
        catch (FormatException exception)
        {
            context.Error(position, "compensation matrix '" + writtenPath + "': " + exception.Message);
            return null;
        }

        var header = new List<string>();
        foreach (var cell in table.Header)
        {
            header.Add(cell.Trim());
        }

        var labelled = header.Count > 0 && header[0].Length == 0;
        var detectors = labelled ? header.GetRange(1, header.Count - 1) : header;
        var n = detectors.Count;
        if (n == 0 || detectors.Exists(name => name.Length == 0))
        {
            context.Error(position, "compensation matrix '" + writtenPath + "': the first row must name the detectors");
            return null;
        }

        if (new HashSet<string>(detectors, StringComparer.OrdinalIgnoreCase).Count != n)
        {
            context.Error(position, "compensation matrix '" + writtenPath + "': a detector is named twice in the first row");
            return null;
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in table.Rows)
        {
            if (!(row.Count == 1 && row[0].Trim().Length == 0))
            {
                rows.Add(row);
            }
        }

        if (rows.Count != n)
        {
            context.Error(position, "compensation matrix '" + writtenPath + "' names " + n + " detectors but has " + rows.Count + " rows");
            return null;
        }

        var values = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            var row = rows[i];
            var offset = row.Count == n + 1 ? 1 : 0;
            if (row.Count != n + offset)
            {
                context.Error(position, "compensation matrix '" + writtenPath + "', row " + (i + 2) + ": " + row.Count + " cells for " + n + " detectors");
                return null;
            }

            if (offset == 1 && !string.Equals(row[0].Trim(), detectors[i], StringComparison.OrdinalIgnoreCase))
            {
                context.Error(position, "compensation matrix '" + writtenPath + "', row " + (i + 2) + " is labelled '" + row[0].Trim() + "' but should be '" + detectors[i] + "' (rows in header order)");
                return null;
            }

            for (var j = 0; j < n; j++)
            {
                var cell = row[j + offset].Trim();
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    context.Error(position, "compensation matrix '" + writtenPath + "', row " + (i + 2) + ", column " + (j + 1 + offset) + ": '" + YamlReadContext.Shorten(cell) + "' is not a number");
                    return null;
                }

                values[i, j] = value;
            }
        }

        return new CompensationMatrixFile(fullPath, detectors, values);
    }
}
