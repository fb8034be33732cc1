namespace CytoViability.Core.Assays;

/// <summary>Equality of condition tuples, value by value, ignoring case (as <see cref="ConditionSelector"/> does).</summary>
internal sealed class ConditionComparer : IEqualityComparer<IReadOnlyList<string>>
{
    public static readonly ConditionComparer Instance = new();

    public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Count != y.Count)
        {
            return false;
        }

        for (var i = 0; i < x.Count; i++)
        {
            if (!string.Equals(x[i], y[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(IReadOnlyList<string> obj)
    {
        var hash = new HashCode();
        foreach (var value in obj)
        {
            hash.Add(value, StringComparer.OrdinalIgnoreCase);
        }

        return hash.ToHashCode();
    }
}
