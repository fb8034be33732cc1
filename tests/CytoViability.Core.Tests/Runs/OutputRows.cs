using System.Globalization;
using CytoViability.Core.Csv;

namespace CytoViability.Core.Tests.Runs;

/// <summary>A run's output table as rows of column → cell, read with the engine's own CSV reader.</summary>
internal static class OutputRows
{
    public static List<Dictionary<string, string>> Read(string folder, string file)
    {
        var table = CsvReader.ReadFile(Path.Combine(folder, file));
        return table.Rows.Select(row => table.Header.Select((name, i) => (name, row[i])).ToDictionary(p => p.name, p => p.Item2)).ToList();
    }

    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
