namespace CytoViability.Core.Fcs;

/// <summary>
/// The one rule for finding a file's parameter by its name ($PnN) or its stain ($PnS): equal ignoring case and
/// surrounding white space (FACSDiva and FlowJo exports pad some labels), the first parameter that matches wins.
/// Template aliases, event columns, the data set and `export` all look channels up through it.
/// </summary>
internal static class ParameterLookup
{
    /// <summary>Index of the first of <paramref name="count"/> parameters whose <paramref name="field"/> equals <paramref name="wanted"/>; -1 when none.</summary>
    public static int IndexOf(int count, Func<int, string?> field, string wanted)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(wanted);
        for (var i = 0; i < count; i++)
        {
            if (Matches(field(i), wanted))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether a parameter's name or stain (<paramref name="value"/>, null when it has none) is <paramref name="wanted"/>.</summary>
    public static bool Matches(string? value, string wanted)
        => value is not null && value.AsSpan().Trim().Equals(wanted.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Index of the parameter whose $PnN, else whose $PnS, equals <paramref name="nameOrStain"/>; -1 when none.</summary>
    public static int ByNameThenStain(int count, Func<int, string?> name, Func<int, string?> stain, string nameOrStain)
    {
        var byName = IndexOf(count, name, nameOrStain);
        return byName >= 0 ? byName : IndexOf(count, stain, nameOrStain);
    }
}
