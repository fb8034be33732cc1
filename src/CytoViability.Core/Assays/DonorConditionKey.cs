namespace CytoViability.Core.Assays;

/// <summary>A donor and a condition tuple: the unit replicate wells are averaged into.</summary>
internal readonly record struct DonorConditionKey(string Donor, IReadOnlyList<string> Conditions)
{
    public static readonly IEqualityComparer<DonorConditionKey> Comparer = new KeyComparer();

    private sealed class KeyComparer : IEqualityComparer<DonorConditionKey>
    {
        public bool Equals(DonorConditionKey x, DonorConditionKey y)
            => string.Equals(x.Donor, y.Donor, StringComparison.OrdinalIgnoreCase)
               && ConditionComparer.Instance.Equals(x.Conditions, y.Conditions);

        public int GetHashCode(DonorConditionKey obj)
            => HashCode.Combine(
                StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Donor),
                ConditionComparer.Instance.GetHashCode(obj.Conditions));
    }
}
