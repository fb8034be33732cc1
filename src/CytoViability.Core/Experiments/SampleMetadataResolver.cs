using System.Text.RegularExpressions;

namespace CytoViability.Core.Experiments;

/// <summary>
/// Settles a file's metadata: metadata rules over its keywords and path first, then the sheet row on top
/// (docs/templates.md §2). A required rule that does not match is a failure of that file only.
/// </summary>
internal static class SampleMetadataResolver
{
    /// <summary>The metadata, or null with the reason in <paramref name="failure"/>.</summary>
    public static SampleMetadata? Resolve(ExperimentPlan plan, PlannedSample sample, Func<string, string?> keyword, out string failure)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(keyword);
        failure = string.Empty;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in plan.Rules)
        {
            var source = rule.From.Equals(MetadataRule.FileSource, StringComparison.OrdinalIgnoreCase) ? sample.RelativePath : keyword(rule.From);
            if (source is null)
            {
                if (rule.Required)
                {
                    failure = "metadata rule (experiment.yaml line " + rule.Line + "): keyword '" + rule.From + "' is not in the file";
                    return null;
                }

                continue;
            }

            Match match;
            try
            {
                match = rule.Pattern.Match(source.Trim());
            }
            catch (RegexMatchTimeoutException)
            {
                failure = "metadata rule (experiment.yaml line " + rule.Line + ") took too long on '" + source + "'";
                return null;
            }

            if (!match.Success)
            {
                if (rule.Required)
                {
                    failure = "metadata rule (experiment.yaml line " + rule.Line + "): '" + source.Trim() + "' from " + rule.From + " does not match " + rule.Pattern;
                    return null;
                }

                continue;
            }

            foreach (var column in rule.Columns)
            {
                var group = match.Groups[column];
                if (!group.Success)
                {
                    continue;
                }

                var value = group.Value;
                if (rule.Values.TryGetValue(column, out var renames) && renames.TryGetValue(value, out var renamed))
                {
                    value = renamed;
                }

                values[column] = value.Trim();
            }
        }

        var row = sample.Row;
        if (row is not null)
        {
            foreach (var (column, value) in row.Values)
            {
                values[column] = value;
            }
        }

        var name = row?.Sample ?? Get(values, SampleSheet.SampleColumn) ?? WithoutExtension(sample.RelativePath);
        var donor = row?.Donor ?? Get(values, SampleSheet.DonorColumn) ?? name;
        var replicate = row?.Replicate ?? Get(values, SampleSheet.ReplicateColumn) ?? string.Empty;
        var ordered = new string[plan.Columns.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = values.TryGetValue(plan.Columns[i], out var value) ? value : string.Empty;
        }

        return new SampleMetadata(name, sample.RelativePath, donor, replicate, ordered);
    }

    private static string? Get(Dictionary<string, string> values, string column)
        => values.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

    private static string WithoutExtension(string relative)
    {
        var slash = relative.LastIndexOf('/');
        var dot = relative.LastIndexOf('.');
        return dot > slash + 1 ? relative[..dot] : relative;
    }
}
