namespace CytoViability.Core.Examples;

/// <summary>Per-condition truth: the mean over donors of each donor-level true value.</summary>
internal static class ExampleTruth
{
    public static IReadOnlyList<TruthRow> ConditionMeans(ExperimentPlan experiment)
    {
        var order = new List<(string Key, IReadOnlyList<string> Conditions, string Quantity)>();
        var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        foreach (var row in experiment.DonorTruth)
        {
            var key = string.Join('\u001F', row.ConditionValues) + '\u001E' + row.Quantity;
            if (!sums.TryGetValue(key, out var entry))
            {
                order.Add((key, row.ConditionValues, row.Quantity));
            }

            sums[key] = (entry.Sum + row.Value, entry.Count + 1);
        }

        var result = new List<TruthRow>(order.Count);
        foreach (var (key, conditions, quantity) in order)
        {
            var (sum, count) = sums[key];
            result.Add(new TruthRow("condition", "", "", conditions, quantity, sum / count));
        }

        return result;
    }
}
