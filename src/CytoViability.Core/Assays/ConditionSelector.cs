namespace CytoViability.Core.Assays;

/// <summary>
/// Names a control or reference condition by the values of the condition columns that make it one, e.g.
/// antibody = none (ADCC), effector = none (γδ-T killing), stimulation = unstimulated (CD40L). A condition's
/// matched control has the same donor and the same value in every other condition column, so b12 at 30:1 is
/// compared with no antibody at 30:1. Values compare case-insensitively, as lab sheets mix "None" and "none".
/// </summary>
internal sealed class ConditionSelector
{
    public ConditionSelector(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = [.. values];
        if (Values.Count == 0)
        {
            throw new ArgumentException("a control or reference names at least one condition column", nameof(values));
        }
    }

    public ConditionSelector(string column, string value)
        : this([new KeyValuePair<string, string>(column, value)])
    {
    }

    public IReadOnlyList<KeyValuePair<string, string>> Values { get; }

    /// <summary>"antibody=none, ratio=0" for messages.</summary>
    public override string ToString() => string.Join(", ", Values.Select(pair => pair.Key + "=" + pair.Value));

    /// <summary>Selected columns that are not among <paramref name="columns"/>.</summary>
    internal IReadOnlyList<string> UnknownColumns(IReadOnlyList<string> columns)
        => [.. Values.Select(pair => pair.Key).Where(name => IndexOf(columns, name) < 0)];

    /// <summary>Whether <paramref name="conditions"/> is itself the control/reference.</summary>
    internal bool Matches(IReadOnlyList<string> columns, IReadOnlyList<string> conditions)
    {
        foreach (var (column, value) in Values)
        {
            var index = IndexOf(columns, column);
            if (index < 0 || !string.Equals(conditions[index], value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The control/reference matched to <paramref name="conditions"/>: selected columns replaced, the rest kept.</summary>
    internal IReadOnlyList<string> MatchedTo(IReadOnlyList<string> columns, IReadOnlyList<string> conditions)
    {
        var matched = conditions.ToArray();
        foreach (var (column, value) in Values)
        {
            var index = IndexOf(columns, column);
            if (index >= 0)
            {
                matched[index] = value;
            }
        }

        return matched;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
