using System.Globalization;
using CytoViability.Core.Csv;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Output;

/// <summary>
/// Reads the tables <see cref="ResultTables"/> writes, so `report OUTDIR` can rebuild charts from a finished run.
/// Condition columns are found by position: between the leading fixed columns and the first trailing one.
/// A malformed cell is a <see cref="FormatException"/> naming the column and the line.
/// </summary>
internal static class ResultTableReader
{
    public static ResultTable<PopulationRow> ReadPopulations(CsvTable table)
    {
        var reader = new Cells(table, ResultTables.PopulationColumns, "percent_total", null);
        return reader.Read(row => new PopulationRow(
            row.Text("sample"),
            row.Text("file"),
            row.Text("population"),
            row.Text("parent"),
            row.Integer("count"),
            row.Integer("parent_count"),
            row.Number("percent_parent"),
            row.Number("percent_total"),
            row.Dynamic()));
    }

    public static ResultTable<MfiRow> ReadMfi(CsvTable table)
    {
        var reader = new Cells(table, ResultTables.MfiColumns, null, null);
        return reader.Read(row => new MfiRow(
            row.Text("sample"),
            row.Text("population"),
            row.Text("channel"),
            row.Text("marker"),
            row.Number("mean"),
            row.Number("median"),
            row.Number("geometric_mean"),
            row.Integer("n_nonpositive"),
            row.Number("display_mean"),
            row.Number("cv"),
            row.Number("robust_cv"),
            row.Integer("count")));
    }

    public static ResultTable<SummaryRow> ReadSummary(CsvTable table)
    {
        var reader = new Cells(table, [.. ResultTables.SummaryLeadingColumns, .. ResultTables.SummaryTrailingColumns], "metric", "n_donors");
        return reader.Read(row => new SummaryRow(
            row.Text("metric"),
            row.Dynamic(),
            (int)row.Integer("n_donors"),
            row.Number("mean"),
            row.Number("sd"),
            row.Number("sem"),
            row.OptionalNumber("p_value"),
            (int)row.Integer("n_paired")));
    }

    public static ResultTable<KillingRow> ReadKilling(CsvTable table)
    {
        var reader = new Cells(table, [.. ResultTables.KillingLeadingColumns, .. ResultTables.KillingTrailingColumns], "donor", "percent_dead");
        return reader.Read(row => new KillingRow(
            row.Text("donor"),
            row.Dynamic(),
            row.Number("percent_dead"),
            row.Number("control_percent_dead"),
            row.Number("percent_killing"),
            row.Text("method"),
            row.Boolean("is_control"),
            (int)row.Integer("wells"),
            row.Integer("target_count"),
            row.Number("percent_dead_se"),
            row.Boolean("low_target_count")));
    }

    public static ResultTable<MfiFoldRow> ReadMfiFold(CsvTable table)
    {
        var reader = new Cells(table, [.. ResultTables.MfiFoldLeadingColumns, .. ResultTables.MfiFoldTrailingColumns], "donor", "geometric_mean");
        return reader.Read(row => new MfiFoldRow(
            row.Text("donor"),
            row.Dynamic(),
            row.Number("geometric_mean"),
            row.Number("reference_geometric_mean"),
            row.Number("log2_fold")));
    }

    public static ResultTable<QcRow> ReadQc(CsvTable table)
    {
        var reader = new Cells(table, ResultTables.QcColumns, null, null);
        return reader.Read(row => new QcRow(
            row.Text("sample"),
            row.Text("file"),
            row.Text("check"),
            row.OptionalNumber("value"),
            row.OptionalNumber("threshold"),
            row.Status("status"),
            row.Text("message")));
    }

    /// <summary>Column lookup and typed cell parsing for one table.</summary>
    private sealed class Cells
    {
        private readonly CsvTable _table;
        private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
        private readonly int _dynamicStart;
        private readonly int _dynamicEnd;
        private IReadOnlyList<string> _row = [];
        private int _line;

        public Cells(CsvTable table, IReadOnlyList<string> required, string? dynamicAfter, string? dynamicBefore)
        {
            ArgumentNullException.ThrowIfNull(table);
            _table = table;
            foreach (var name in required)
            {
                _columns[name] = table.RequireColumn(name);
            }

            _dynamicStart = dynamicAfter is null ? table.Header.Count : _columns[dynamicAfter] + 1;
            _dynamicEnd = dynamicBefore is null ? table.Header.Count : _columns[dynamicBefore];
            if (_dynamicEnd < _dynamicStart)
            {
                throw new FormatException("CSV column '" + dynamicBefore + "' comes before '" + dynamicAfter + "'");
            }
        }

        public ResultTable<TRow> Read<TRow>(Func<Cells, TRow> parse)
        {
            var rows = new List<TRow>(_table.Rows.Count);
            for (var i = 0; i < _table.Rows.Count; i++)
            {
                _row = _table.Rows[i];
                _line = i + 2;
                if (_row.Count != _table.Header.Count)
                {
                    throw new FormatException("CSV line " + _line + ": " + _row.Count + " cells for " + _table.Header.Count + " columns");
                }

                rows.Add(parse(this));
            }

            return new ResultTable<TRow>([.. _table.Header.Skip(_dynamicStart).Take(_dynamicEnd - _dynamicStart)], rows);
        }

        public string Text(string column) => _row[_columns[column]];

        public IReadOnlyList<string> Dynamic() => [.. _row.Skip(_dynamicStart).Take(_dynamicEnd - _dynamicStart)];

        public double Number(string column) => OptionalNumber(column) ?? double.NaN;

        public double? OptionalNumber(string column)
        {
            var cell = Text(column);
            if (cell.Length == 0)
            {
                return null;
            }

            return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Bad(column, cell);
        }

        public long Integer(string column)
        {
            var cell = Text(column);
            return long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Bad(column, cell);
        }

        public bool Boolean(string column) => Text(column) switch
        {
            "true" => true,
            "false" => false,
            var cell => throw Bad(column, cell),
        };

        public QcStatus Status(string column) => Text(column) switch
        {
            "pass" => QcStatus.Pass,
            "warn" => QcStatus.Warn,
            "fail" => QcStatus.Fail,
            var cell => throw Bad(column, cell),
        };

        private FormatException Bad(string column, string cell)
            => new("CSV line " + _line + ", column '" + column + "': '" + cell + "' is not a valid value");
    }
}
