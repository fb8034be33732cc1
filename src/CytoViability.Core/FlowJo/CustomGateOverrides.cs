using System.Globalization;
using System.Text;
using CytoViability.Core.Templates;

namespace CytoViability.Core.FlowJo;

/// <summary>One coordinate of a FlowJo custom sample gate, as an experiment.yaml gate override (data units).</summary>
internal sealed record CustomCoordinate(string Sample, string Gate, string Dimension, double Value);

/// <summary>
/// FlowJo custom sample gates that differ from the group's only where a gate override can say so (range/rectangle
/// bounds, quadrant dividers; docs/templates.md §1.8.2): then the sample needs no template of its own.
/// </summary>
internal static class CustomGateOverrides
{
    /// <summary>
    /// The coordinates in which <paramref name="sample"/> differs from <paramref name="main"/>, or null when the two
    /// differ in anything else (a polygon, an ellipse, a gate more or less, a channel, a transform, the matrix).
    /// </summary>
    public static IReadOnlyList<CustomCoordinate>? Differences(ImportedTemplate main, ImportedTemplate sample, string sampleName)
    {
        var (ours, theirs) = (main.Draft, sample.Draft);
        if (ours.Gates.Count != theirs.Gates.Count || main.MatrixCsv != sample.MatrixCsv)
        {
            return null;
        }

        var transforms = theirs.Transforms.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        var coordinates = new List<CustomCoordinate>();
        var aligned = new List<GateDefinition>(theirs.Gates.Count);
        void Compare(GateDefinition gate, string dimension, string alias, double? group, double? own)
        {
            if (group != own && own is { } value)
            {
                var data = gate.Units == GateUnits.Transformed && transforms.TryGetValue(alias, out var transform) ? TransformFactory.Create(transform).Inverse(value) : value;
                coordinates.Add(new CustomCoordinate(sampleName, gate.Id, dimension, data));
            }
        }

        for (var i = 0; i < ours.Gates.Count; i++)
        {
            switch (ours.Gates[i], theirs.Gates[i])
            {
                case (RectangleGateDefinition group, RectangleGateDefinition own)
                    when group.Bounds.Count == own.Bounds.Count
                        && group.Bounds.Zip(own.Bounds).All(pair => pair.First.Channel == pair.Second.Channel && pair.First.Min.HasValue == pair.Second.Min.HasValue && pair.First.Max.HasValue == pair.Second.Max.HasValue):
                    foreach (var (groupBound, ownBound) in group.Bounds.Zip(own.Bounds))
                    {
                        Compare(own, ownBound.Channel + " min", ownBound.Channel, groupBound.Min, ownBound.Min);
                        Compare(own, ownBound.Channel + " max", ownBound.Channel, groupBound.Max, ownBound.Max);
                    }

                    aligned.Add(own with { Bounds = group.Bounds });
                    break;
                case (QuadrantGateDefinition group, QuadrantGateDefinition own):
                    Compare(own, own.X, own.X, group.XDivider, own.XDivider);
                    Compare(own, own.Y, own.Y, group.YDivider, own.YDivider);
                    aligned.Add(own with { XDivider = group.XDivider, YDivider = group.YDivider });
                    break;
                default:
                    aligned.Add(theirs.Gates[i]);
                    break;
            }
        }

        // With the overridable coordinates set to the group's, the two templates must read the same, word for word.
        var same = theirs with { Name = ours.Name, Description = ours.Description, MatrixPath = ours.MatrixPath, Notes = ours.Notes, Gates = aligned };
        return TemplateYamlWriter.Write(same) == TemplateYamlWriter.Write(ours) ? coordinates : null;
    }

    /// <summary>The overrides file: experiment.yaml names it (<c>overrides: FILE</c>) or takes its list.</summary>
    public static string Yaml(string templateFile, IReadOnlyList<CustomCoordinate> coordinates)
    {
        var yaml = new StringBuilder();
        yaml.Append("# FlowJo custom sample gates, as gate overrides for ").Append(templateFile).Append(" (docs/flowjo.md).\n");
        yaml.Append("# In experiment.yaml: overrides: <this file>. Values are in data units.\n");
        yaml.Append("overrides:\n");
        foreach (var coordinate in coordinates)
        {
            yaml.Append("  - { gate: ").Append(Quoted(coordinate.Gate))
                .Append(", dimension: ").Append(Quoted(coordinate.Dimension))
                .Append(", value: ").Append(coordinate.Value.ToString("R", CultureInfo.InvariantCulture))
                .Append(", sample: ").Append(Quoted(coordinate.Sample)).Append(" }\n");
        }

        return yaml.ToString();
    }

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
