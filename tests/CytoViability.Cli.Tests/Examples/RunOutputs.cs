using CytoViability.Core.Csv;

namespace CytoViability.Cli.Tests.Examples;

/// <summary>The CSV outputs of one `cytoviability run`, with rows as column-name lookups.</summary>
internal sealed class RunOutputs(string folder, int exitCode, string log)
{
    public string Folder { get; } = folder;

    public int ExitCode { get; } = exitCode;

    public string Log { get; } = log;

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Table(string file)
    {
        var table = CsvReader.ReadFile(Path.Combine(Folder, file));
        var rows = new List<IReadOnlyDictionary<string, string>>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < table.Header.Count; i++)
            {
                cells[table.Header[i]] = i < row.Count ? row[i] : string.Empty;
            }

            rows.Add(cells);
        }

        return rows;
    }

    /// <summary>populations.csv rows of one population, by sample.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string>> Population(string population) =>
        Table("populations.csv").Where(r => r["population"] == population).ToDictionary(r => r["sample"], StringComparer.Ordinal);

    public static double Number(IReadOnlyDictionary<string, string> row, string column) => CsvTable.ParseNumber(row[column]);
}
