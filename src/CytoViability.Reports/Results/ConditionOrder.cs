using System.Globalization;
using CytoViability.Core.Csv;
using CytoViability.Core.Templates;

namespace CytoViability.Reports.Results;

/// <summary>
/// The design order of condition tuples, column by column: the values experiment.yaml's `order:` lists, in its
/// order (the lab said so, and it wins); then the value the template names as reference or control first
/// (untreated, no antibody, no effector), then the sample sheet's order; a column whose values are all numbers
/// (a concentration) goes in numeric order. Values the sheet does not hold (or all values, without a sheet) follow
/// in the order the run's tables list them.
/// </summary>
internal sealed class ConditionOrder : IComparer<IReadOnlyList<string>>
{
    private readonly IReadOnlyList<string> _columns;
    private readonly Dictionary<string, int>[] _ranks;
    private readonly bool[] _numeric;
    private readonly HashSet<string>[] _first;
    private readonly HashSet<string>[] _control;
    private readonly Dictionary<string, int>?[] _stated;

    public ConditionOrder(
        IReadOnlyList<string> columns,
        CsvTable? sheet,
        GatingTemplate? template,
        IEnumerable<IReadOnlyList<string>>? listed = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? stated = null)
    {
        _stated = new Dictionary<string, int>?[columns.Count];
        foreach (var (column, values) in stated ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(columns[i], column, StringComparison.OrdinalIgnoreCase))
                {
                    _stated[i] = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                    foreach (var value in values)
                    {
                        _stated[i]!.TryAdd(value, _stated[i]!.Count);
                    }
                }
            }
        }

        _columns = columns;
        _ranks = new Dictionary<string, int>[columns.Count];
        _numeric = new bool[columns.Count];
        _first = new HashSet<string>[columns.Count];
        _control = new HashSet<string>[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            _ranks[i] = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            _first[i] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _control[i] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var column = sheet?.ColumnIndex(columns[i]) ?? -1;
            if (column >= 0)
            {
                foreach (var row in sheet!.Rows)
                {
                    if (column < row.Count)
                    {
                        _ranks[i].TryAdd(row[column], _ranks[i].Count);
                    }
                }
            }
        }

        foreach (var values in listed ?? [])
        {
            for (var i = 0; i < Math.Min(columns.Count, values.Count); i++)
            {
                _ranks[i].TryAdd(values[i], _ranks[i].Count);
            }
        }

        for (var i = 0; i < columns.Count; i++)
        {
            _numeric[i] = _ranks[i].Count > 0 && _ranks[i].Keys.All(IsNumber);
        }

        foreach (var value in FirstValues(template))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(columns[i], value.Column, StringComparison.OrdinalIgnoreCase))
                {
                    _first[i].Add(value.Value);
                }
            }
        }

        foreach (var value in template?.Assays.Killing?.Control ?? [])
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(columns[i], value.Column, StringComparison.OrdinalIgnoreCase))
                {
                    _control[i].Add(value.Value);
                }
            }
        }
    }

    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Whether <paramref name="value"/> is the killing control's value of the column (no antibody, no effector).</summary>
    public bool IsControl(int column, string value) => column < _control.Length && _control[column].Contains(value);

    public int Compare(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        for (var i = 0; i < Math.Min(x.Count, _columns.Count) && i < y.Count; i++)
        {
            var order = CompareValue(i, x[i], y[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    public int CompareValue(int column, string x, string y)
    {
        if (string.Equals(x, y, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (_stated[column] is { } stated)
        {
            var statedX = stated.TryGetValue(x, out var sx) ? sx : int.MaxValue;
            var statedY = stated.TryGetValue(y, out var sy) ? sy : int.MaxValue;
            if (statedX != statedY)
            {
                return statedX.CompareTo(statedY);
            }
        }

        var firstX = _first[column].Contains(x);
        if (firstX != _first[column].Contains(y))
        {
            return firstX ? -1 : 1;
        }

        if (_numeric[column] && IsNumber(x) && IsNumber(y))
        {
            return Number(x).CompareTo(Number(y));
        }

        var rankX = _ranks[column].TryGetValue(x, out var rx) ? rx : int.MaxValue;
        var rankY = _ranks[column].TryGetValue(y, out var ry) ? ry : int.MaxValue;
        return rankX != rankY ? rankX.CompareTo(rankY) : string.CompareOrdinal(x, y);
    }

    /// <summary>The run's sample sheet (its path is in run.json), or null when there is none or it cannot be read.</summary>
    internal static CsvTable? ReadSheet(Html.RunSummary? run)
    {
        if (run?.SampleSheetPath is not { } path || !File.Exists(path))
        {
            return null;
        }

        try
        {
            return CsvReader.ReadFile(path);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<ConditionValue> FirstValues(GatingTemplate? template)
    {
        if (template is null)
        {
            yield break;
        }

        foreach (var value in template.Reference)
        {
            yield return value;
        }

        foreach (var value in template.Assays.Killing?.Control ?? [])
        {
            yield return value;
        }

        foreach (var value in template.Assays.MfiFold?.Reference ?? [])
        {
            yield return value;
        }
    }

    internal static bool IsNumber(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);

    internal static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
