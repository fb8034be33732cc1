using System.Globalization;
using CytoViability.Core.Csv;

namespace CytoViability.Cli.Tests.Examples;

/// <summary>An example folder's truth.csv: file, donor and condition level true values, looked up by key.</summary>
internal sealed class TruthTable
{
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);

    private TruthTable(IReadOnlyList<string> conditionColumns)
    {
        ConditionColumns = conditionColumns;
    }

    /// <summary>Condition columns of truth.csv, in file order (the replicate column included).</summary>
    public IReadOnlyList<string> ConditionColumns { get; }

    public static TruthTable Read(string folder)
    {
        var table = CsvReader.ReadFile(Path.Combine(folder, "truth.csv"));
        var quantity = table.RequireColumn("quantity");
        var columns = table.Header.Skip(3).Take(quantity - 3).ToList();
        var truth = new TruthTable(columns);
        foreach (var row in table.Rows)
        {
            var key = row[0] == "file"
                ? FileKey(row[1], row[quantity])
                : GroupKey(row[0], row[2], columns.Select((c, i) => (c, row[3 + i])).Where(p => p.c != "replicate").Select(p => p.Item2), row[quantity]);
            truth._values[key] = double.Parse(row[quantity + 1], CultureInfo.InvariantCulture);
        }

        return truth;
    }

    public double File(string file, string quantity) => _values[FileKey(file, quantity)];

    public double Donor(string donor, IEnumerable<string> conditionValues, string quantity) =>
        _values[GroupKey("donor", donor, conditionValues, quantity)];

    public double Condition(IEnumerable<string> conditionValues, string quantity) =>
        _values[GroupKey("condition", string.Empty, conditionValues, quantity)];

    public bool TryDonor(string donor, IEnumerable<string> conditionValues, string quantity, out double value) =>
        _values.TryGetValue(GroupKey("donor", donor, conditionValues, quantity), out value);

    private static string FileKey(string file, string quantity) => "file|" + file + "|" + quantity;

    private static string GroupKey(string level, string donor, IEnumerable<string> conditions, string quantity) =>
        level + "|" + donor + "|" + string.Join("/", conditions) + "|" + quantity;
}
