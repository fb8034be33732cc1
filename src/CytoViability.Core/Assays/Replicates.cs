namespace CytoViability.Core.Assays;

/// <summary>
/// Averages technical replicate wells within donor × condition, the step that comes before any ratio
/// (killing, fold) and before statistics over donors. Wells whose value is not a number (an empty parent)
/// do not count towards the mean; a donor × condition with none left has a NaN value.
/// </summary>
internal static class Replicates
{
    /// <summary>One <see cref="DonorValue"/> per donor × condition, in the order each first appears.</summary>
    public static IReadOnlyList<DonorValue> Average(IEnumerable<WellValue> wells)
    {
        ArgumentNullException.ThrowIfNull(wells);
        var groups = new Dictionary<DonorConditionKey, List<WellValue>>(DonorConditionKey.Comparer);
        var order = new List<DonorConditionKey>();
        foreach (var well in wells)
        {
            var key = new DonorConditionKey(well.Donor, well.Conditions);
            if (!groups.TryGetValue(key, out var members))
            {
                members = [];
                groups.Add(key, members);
                order.Add(key);
            }

            members.Add(well);
        }

        var averaged = new List<DonorValue>(order.Count);
        foreach (var key in order)
        {
            var members = groups[key];
            var (mean, spread) = MeanAndSpread(members.ConvertAll(well => well.Value));
            var first = members[0];
            averaged.Add(new DonorValue(
                first.Donor,
                first.Conditions,
                mean,
                members.ConvertAll(well => new WellReference(well.Sample, well.File)),
                spread));
        }

        return averaged;
    }

    internal static (double Mean, double Spread) MeanAndSpread(List<double> values)
    {
        double sum = 0;
        var count = 0;
        var minimum = double.PositiveInfinity;
        var maximum = double.NegativeInfinity;
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }

            sum += value;
            count++;
            minimum = Math.Min(minimum, value);
            maximum = Math.Max(maximum, value);
        }

        return count == 0 ? (double.NaN, double.NaN) : (sum / count, maximum - minimum);
    }
}
