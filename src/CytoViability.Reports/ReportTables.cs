using CytoViability.Core.Csv;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;

namespace CytoViability.Reports;

/// <summary>
/// The tables of a finished run, read back from its CSV files. A table that is missing or cannot be read is null,
/// with the reason in <see cref="Problems"/>: the report still shows everything else.
/// </summary>
internal sealed record ReportTables(
    ResultTable<QcRow>? Qc,
    ResultTable<SummaryRow>? Summary,
    ResultTable<KillingRow>? Killing,
    ResultTable<MfiFoldRow>? MfiFold,
    ResultTable<PopulationRow>? Populations,
    IReadOnlyList<string> Problems)
{
    public static ReportTables Read(string folder)
    {
        var problems = new List<string>();
        return new ReportTables(
            Read(folder, "qc.csv", ResultTableReader.ReadQc, problems),
            Read(folder, "summary.csv", ResultTableReader.ReadSummary, problems),
            Read(folder, "killing.csv", ResultTableReader.ReadKilling, problems),
            Read(folder, "mfi_fold.csv", ResultTableReader.ReadMfiFold, problems),
            Read(folder, "populations.csv", ResultTableReader.ReadPopulations, problems),
            problems);
    }

    private static ResultTable<TRow>? Read<TRow>(string folder, string name, Func<CsvTable, ResultTable<TRow>> parse, List<string> problems)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            problems.Add(name + " is missing");
            return null;
        }

        try
        {
            var table = CsvReader.ReadFile(path);
            return table.Header.Count == 0 ? null : parse(table);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or OverflowException)
        {
            problems.Add(name + " could not be read: " + exception.Message);
            return null;
        }
    }
}
