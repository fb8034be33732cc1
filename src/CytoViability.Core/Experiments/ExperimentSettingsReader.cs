using System.Text;
using System.Text.RegularExpressions;
using CytoViability.Core.Files;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Experiments;

/// <summary>
/// Reads experiment.yaml (docs/templates.md §2). Every path it names must stay inside the experiment folder;
/// problems come back with line and column, never as exceptions.
/// </summary>
internal static class ExperimentSettingsReader
{
    private const long MaximumBytes = 1 << 20;

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Reads FOLDER/experiment.yaml; a folder without one gives <see cref="ExperimentSettings.Empty"/>.</summary>
    public static ExperimentSettings? Read(string folder, List<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(problems);
        var path = Path.Combine(folder, ExperimentSettings.FileName);
        if (!File.Exists(path))
        {
            return ExperimentSettings.Empty;
        }

        var start = problems.Count;
        if (!ContainedPath.StaysInside(Path.GetFullPath(folder), Path.GetFullPath(path)))
        {
            problems.Add(ConfigurationProblem.Of(path, "experiment.yaml is a symbolic link pointing outside the folder"));
            return null;
        }

        string text;
        try
        {
            if (new FileInfo(path).Length > MaximumBytes)
            {
                problems.Add(ConfigurationProblem.Of(path, "experiment.yaml is larger than 1 MB"));
                return null;
            }

            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            problems.Add(ConfigurationProblem.Of(path, "experiment.yaml cannot be read: " + exception.Message));
            return null;
        }

        var settings = Parse(text, path, Path.GetFullPath(folder), problems);
        return problems.Count == start ? settings : null;
    }

    internal static ExperimentSettings Parse(string text, string file, string folder, List<ConfigurationProblem> problems)
    {
        var context = new YamlReadContext(file, problems);
        var root = YamlDocumentReader.Read(text, file, problems, out var complete);
        if (!complete || root is null || root is YamlScalar { IsNull: true })
        {
            return ExperimentSettings.Empty;
        }

        var top = context.Mapping(root, "experiment.yaml");
        if (top is null)
        {
            return ExperimentSettings.Empty;
        }

        context.CheckKeys(top, "experiment.yaml", "template", "samples", "conditions", "ignore", "metadata", "overrides", "order");
        string? templatePath = null;
        string? shipped = null;
        if (top["template"] is { } templateNode && context.Text(templateNode, "'template'") is { } template)
        {
            var full = ContainedPath.Resolve(folder, template, out var refusal);
            if (full is not null && File.Exists(full))
            {
                templatePath = full;
            }
            else if (full is not null && IsBareName(template))
            {
                // `template: adcc-killing` with adcc-killing.yaml in the folder: the lab's own copy wins over the shipped one.
                templatePath = TemplateCopy(folder, template.Trim());
                shipped = templatePath is null ? template.Trim() : null;
            }
            else
            {
                context.Error(templateNode.Position, "'template': " + (full is null ? refusal : "'" + template + "' not found in the experiment folder"));
            }
        }

        string? samplesPath = null;
        if (top["samples"] is { } samplesNode && context.Text(samplesNode, "'samples'") is { } samples)
        {
            samplesPath = ContainedPath.Resolve(folder, samples, out var refusal);
            if (samplesPath is null)
            {
                context.Error(samplesNode.Position, "'samples': " + refusal);
            }
            else if (!File.Exists(samplesPath))
            {
                context.Error(samplesNode.Position, "'samples': '" + samples + "' not found in the experiment folder");
                samplesPath = null;
            }
        }

        List<string>? conditions = null;
        if (top["conditions"] is { } conditionsNode && context.TextList(conditionsNode, "'conditions'") is { } list)
        {
            conditions = [];
            foreach (var (value, position) in list)
            {
                var column = value.Trim().ToLowerInvariant();
                if (!IsColumnName(column) || SampleSheet.ReservedColumns.Contains(column))
                {
                    context.Error(position, "'" + YamlReadContext.Shorten(value) + "' cannot be a condition column (letters, digits and _; not file, sample, donor or replicate)");
                }
                else if (!conditions.Contains(column))
                {
                    conditions.Add(column);
                }
            }
        }

        var ignore = new List<GlobPattern>();
        if (top["ignore"] is { } ignoreNode && context.TextList(ignoreNode, "'ignore'") is { } globs)
        {
            foreach (var (value, _) in globs)
            {
                ignore.Add(new GlobPattern(value));
            }
        }

        var rules = new List<MetadataRule>();
        if (top["metadata"] is { } metadataNode && context.Sequence(metadataNode, "'metadata'") is { } ruleList)
        {
            foreach (var item in ruleList.Items)
            {
                if (ReadRule(item, context) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        var overrides = top["overrides"] is { } overridesNode ? GateOverrideReader.Read(overridesNode, context, folder) : [];
        var order = top["order"] is { } orderNode ? ReadOrder(orderNode, conditions, context) : new Dictionary<string, IReadOnlyList<string>>();
        return new ExperimentSettings(templatePath, shipped, samplesPath, conditions, ignore, rules) { Overrides = overrides, Order = order };
    }

    /// <summary>`order: { treatment: [untreated, lenalidomide, CD40L] }`: per condition column, its values in design order.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadOrder(YamlNode node, List<string>? conditions, YamlReadContext context)
        => ConditionOrderReader.Read(node, context, column =>
            !IsColumnName(column) || SampleSheet.ReservedColumns.Contains(column)
                ? "'order': '" + YamlReadContext.Shorten(column) + "' cannot be a condition column (letters, digits and _; not file, sample, donor or replicate)"
                : conditions is not null && !conditions.Contains(column)
                    ? "'order' names column '" + YamlReadContext.Shorten(column) + "', which 'conditions' does not list"
                    : null);

    private static MetadataRule? ReadRule(YamlNode node, YamlReadContext context)
    {
        var mapping = context.Mapping(node, "a metadata rule");
        if (mapping is null)
        {
            return null;
        }

        context.CheckKeys(mapping, "a metadata rule", "from", "pattern", "values", "required");
        var fromNode = context.Required(mapping, "from", "a metadata rule");
        var from = fromNode is null ? null : context.Text(fromNode, "'from'");
        var patternNode = context.Required(mapping, "pattern", "a metadata rule");
        var patternText = patternNode is null ? null : context.Text(patternNode, "'pattern'");
        Regex? pattern = null;
        var columns = new List<string>();
        if (patternText is not null)
        {
            try
            {
                pattern = new Regex(patternText, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, RegexTimeout);
            }
            catch (ArgumentException exception)
            {
                context.Error(patternNode!.Position, "'pattern' is not a valid regular expression: " + exception.Message);
            }

            if (pattern is not null)
            {
                foreach (var name in pattern.GetGroupNames())
                {
                    if (int.TryParse(name, out _))
                    {
                        continue;
                    }

                    var column = name.ToLowerInvariant();
                    if (!IsColumnName(column) || column == SampleSheet.FileColumn)
                    {
                        context.Error(patternNode!.Position, "group '" + name + "' cannot be a column name (letters, digits and _; not 'file')");
                        pattern = null;
                        break;
                    }

                    columns.Add(column);
                }

                if (pattern is not null && columns.Count == 0)
                {
                    context.Error(patternNode!.Position, "'pattern' has no named group such as (?<donor>...); it would set nothing");
                    pattern = null;
                }
            }
        }

        var values = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (mapping["values"] is { } valuesNode && context.Mapping(valuesNode, "'values'") is { } valuesMap)
        {
            foreach (var (key, renames) in valuesMap.Entries)
            {
                var column = key.Value.Trim().ToLowerInvariant();
                if (!columns.Contains(column) && pattern is not null)
                {
                    context.Error(key.Position, "'values' names column '" + key.Value + "', which the pattern does not capture");
                    continue;
                }

                var renameMap = context.Mapping(renames, "renames of '" + key.Value + "'");
                if (renameMap is null)
                {
                    continue;
                }

                var table = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (captured, replacement) in renameMap.Entries)
                {
                    var text = replacement is YamlScalar { IsQuoted: true } quoted ? quoted.Value : context.Text(replacement, "rename of '" + captured.Value + "'");
                    if (text is not null)
                    {
                        table[captured.Value] = text;
                    }
                }

                values[column] = table;
            }
        }

        var required = true;
        if (mapping["required"] is { } requiredNode)
        {
            switch (context.Text(requiredNode, "'required'"))
            {
                case "true" or "yes":
                    break;
                case "false" or "no":
                    required = false;
                    break;
                default:
                    context.Error(requiredNode.Position, "'required' must be true or false");
                    break;
            }
        }

        return from is not null && pattern is not null
            ? new MetadataRule(from.Trim(), pattern, columns, values, required, mapping.Position.Line)
            : null;
    }

    internal static bool IsColumnName(string name)
    {
        if (name.Length is 0 or > 64 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The lab's copy of a template named without a path (<paramref name="name"/>, then <paramref name="name"/>.yaml) inside
    /// the experiment folder, as `templates copy` writes it; null when there is none, and the shipped template is meant.
    /// </summary>
    internal static string? TemplateCopy(string folder, string name)
    {
        foreach (var candidate in (ReadOnlySpan<string>)[name, name + ".yaml"])
        {
            if (ContainedPath.Resolve(folder, candidate, out _) is { } path && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static bool IsBareName(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 0 && trimmed.IndexOfAny(['/', '\\', ':']) < 0 && trimmed != ".." && trimmed != ".";
    }
}
