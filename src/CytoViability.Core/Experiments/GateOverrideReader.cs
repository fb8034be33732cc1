using System.Text;
using CytoViability.Core.Files;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Experiments;

/// <summary>
/// Reads experiment.yaml's <c>overrides</c>: a list written there, or the name of a YAML file inside the folder that
/// holds the list (docs/templates.md §2.1). Each entry: <c>gate</c>, <c>dimension</c> (a quadrant divider's channel,
/// or "channel min" / "channel max"), <c>value</c> (data units), and at most one of <c>sample</c> or <c>where</c>.
/// </summary>
internal static class GateOverrideReader
{
    private const long MaximumBytes = 1 << 20;

    public static List<GateOverride> Read(YamlNode node, YamlReadContext context, string folder)
    {
        if (node is not YamlScalar)
        {
            return ReadList(node, context);
        }

        var name = context.Text(node, "'overrides'");
        if (name is null)
        {
            return [];
        }

        var path = ContainedPath.Resolve(folder, name, out var refusal);
        if (path is null || !File.Exists(path))
        {
            context.Error(node.Position, "'overrides': " + (path is null ? refusal : "'" + name + "' not found in the experiment folder"));
            return [];
        }

        string text;
        try
        {
            if (new FileInfo(path).Length > MaximumBytes)
            {
                context.Error(node.Position, "'overrides': '" + name + "' is larger than 1 MB");
                return [];
            }

            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            context.Error(node.Position, "'overrides': '" + name + "' cannot be read: " + exception.Message);
            return [];
        }

        var fileContext = new YamlReadContext(path, context.Problems);
        var root = YamlDocumentReader.Read(text, path, context.Problems, out var complete);
        if (!complete || root is null || root is YamlScalar { IsNull: true })
        {
            return [];
        }

        if (root is YamlMapping mapping)
        {
            fileContext.CheckKeys(mapping, "the overrides file", "overrides");
            return fileContext.Required(mapping, "overrides", "the overrides file") is { } list ? ReadList(list, fileContext) : [];
        }

        return ReadList(root, fileContext);
    }

    private static List<GateOverride> ReadList(YamlNode node, YamlReadContext context)
    {
        var result = new List<GateOverride>();
        if (context.Sequence(node, "'overrides'") is not { } sequence)
        {
            return result;
        }

        foreach (var item in sequence.Items)
        {
            if (context.Mapping(item, "an override") is not { } mapping)
            {
                continue;
            }

            context.CheckKeys(mapping, "an override", "gate", "dimension", "value", "sample", "where");
            var gate = context.Required(mapping, "gate", "an override") is { } gateNode ? context.Identifier(gateNode, "'gate' of an override") : null;
            var dimension = context.Required(mapping, "dimension", "an override") is { } dimensionNode ? context.Text(dimensionNode, "'dimension' of an override (e.g. PI, or 'FSC-A min')") : null;
            var value = context.Required(mapping, "value", "an override") is { } valueNode ? context.Number(valueNode, "'value' of an override") : null;
            string? sample = null;
            if (mapping["sample"] is { } sampleNode)
            {
                sample = sampleNode is YamlScalar { IsQuoted: true } quoted ? quoted.Value : context.Text(sampleNode, "'sample' of an override");
            }

            List<ConditionValue> where = [];
            if (mapping["where"] is { } whereNode)
            {
                if (sample is not null)
                {
                    context.Error(whereNode.Position, "an override names either one 'sample' or a group ('where'), not both");
                    continue;
                }

                where = TemplateParser.ReadConditionValues(context, whereNode, "'where' of an override") ?? [];
            }

            if (gate is not null && dimension is not null && value is not null)
            {
                result.Add(new GateOverride(gate, dimension.Trim(), value.Value, sample?.Trim(), where, context.File, mapping.Position));
            }
        }

        return result;
    }
}
