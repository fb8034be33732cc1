namespace CytoViability.Core.Templates;

/// <summary>
/// `order: { treatment: [untreated, lenalidomide, CD40L] }`, in a template or in experiment.yaml: per condition column
/// (lower case), its values in the lab's design order. Every problem is an error at its line and column.
/// </summary>
internal static class ConditionOrderReader
{
    /// <param name="refuseColumn">Why a column may not be ordered here (null when it may).</param>
    public static Dictionary<string, IReadOnlyList<string>> Read(YamlNode node, YamlReadContext context, Func<string, string?> refuseColumn)
    {
        var order = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (context.Mapping(node, "'order'") is not { } mapping)
        {
            return order;
        }

        foreach (var (key, valuesNode) in mapping.Entries)
        {
            var column = key.Value.Trim().ToLowerInvariant();
            if (refuseColumn(column) is { } refusal)
            {
                context.Error(key.Position, refusal);
                continue;
            }

            if (order.ContainsKey(column))
            {
                context.Error(key.Position, "'order' lists column '" + YamlReadContext.Shorten(key.Value) + "' twice");
                continue;
            }

            if (context.TextList(valuesNode, "'order' of '" + column + "'") is not { } list)
            {
                continue;
            }

            var values = new List<string>(list.Count);
            foreach (var (value, position) in list)
            {
                if (values.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    context.Error(position, "'order' of '" + column + "' lists '" + YamlReadContext.Shorten(value) + "' twice");
                }
                else
                {
                    values.Add(value.Trim());
                }
            }

            order[column] = values;
        }

        return order;
    }
}
