using System.Globalization;
using System.Text;
using CytoViability.Core.Gating;

namespace CytoViability.Core.Templates;

/// <summary>
/// Writes a <see cref="TemplateDraft"/> as template YAML (docs/templates.md) that <see cref="TemplateLoader"/> reads
/// back to the same definitions: every text value double-quoted (so no name is ever read as a number or a YAML
/// word), numbers round-trippable, gates in data units unless a gate says otherwise.
/// </summary>
internal static class TemplateYamlWriter
{
    public static string Write(TemplateDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var yaml = new StringBuilder();
        foreach (var note in draft.Notes)
        {
            foreach (var line in note.Split('\n'))
            {
                yaml.Append("# ").Append(line.TrimEnd('\r')).Append('\n');
            }
        }

        if (draft.Name is { } name)
        {
            yaml.Append("name: ").Append(Quote(name)).Append('\n');
        }

        if (draft.Description is { } description)
        {
            yaml.Append("description: ").Append(Quote(description)).Append('\n');
        }

        yaml.Append("\nchannels:\n");
        foreach (var channel in draft.Channels)
        {
            yaml.Append("  ").Append(Quote(channel.Alias)).Append(": ").Append(ChannelValue(channel)).Append('\n');
        }

        yaml.Append("\ncompensation: ");
        yaml.Append(draft.Compensation switch
        {
            CompensationSource.Uncompensated => "none",
            CompensationSource.Matrix => "{ matrix: " + Quote(draft.MatrixPath ?? string.Empty) + " }",
            _ => "file",
        }).Append('\n');

        if (draft.Transforms.Count > 0)
        {
            yaml.Append("\ntransforms:\n");
            foreach (var (alias, transform) in draft.Transforms)
            {
                yaml.Append("  ").Append(Quote(alias)).Append(": ").Append(Transform(transform)).Append('\n');
            }
        }

        yaml.Append("\ngates:\n");
        foreach (var gate in draft.Gates)
        {
            Gate(yaml, gate);
        }

        return yaml.ToString();
    }

    private static string ChannelValue(ChannelAlias channel)
    {
        if (channel.Markers.Count == 0 && channel.Detectors.Count == 0)
        {
            return channel.Names.Count == 1 ? Quote(channel.Names[0]) : List(channel.Names.Select(Quote));
        }

        var parts = new List<string>();
        if (channel.Markers.Count > 0)
        {
            parts.Add("marker: " + List(channel.Markers.Select(Quote)));
        }

        if (channel.Detectors.Count > 0)
        {
            parts.Add("detector: " + List(channel.Detectors.Select(Quote)));
        }

        return "{ " + string.Join(", ", parts) + " }";
    }

    private static string Transform(TransformDefinition transform)
    {
        var type = transform.Kind switch
        {
            TransformKind.Linear => "linear",
            TransformKind.Log => "log",
            TransformKind.Asinh => "asinh",
            TransformKind.Logicle => "logicle",
            TransformKind.Hyperlog => "hyperlog",
            _ => "biex",
        };
        var parameters = transform.Kind switch
        {
            TransformKind.Linear => "T: " + Number(transform.T) + ", A: " + Number(transform.A),
            TransformKind.Log => "T: " + Number(transform.T) + ", M: " + Number(transform.M),
            TransformKind.Asinh => "T: " + Number(transform.T) + ", M: " + Number(transform.M) + ", A: " + Number(transform.A),
            _ => "T: " + Number(transform.T) + ", W: " + Number(transform.W) + ", M: " + Number(transform.M) + ", A: " + Number(transform.A),
        };
        return "{ type: " + type + ", " + parameters + " }";
    }

    private static void Gate(StringBuilder yaml, GateDefinition gate)
    {
        yaml.Append("  - id: ").Append(Quote(gate.Id)).Append('\n');
        if (gate.ParentId is { } parent && parent != GatingTemplate.AllEvents)
        {
            yaml.Append("    parent: ").Append(Quote(parent)).Append('\n');
        }

        if (gate.DisplayName is { } display)
        {
            yaml.Append("    name: ").Append(Quote(display)).Append('\n');
        }

        if (gate.Units == GateUnits.Transformed)
        {
            yaml.Append("    units: transformed\n");
        }

        switch (gate)
        {
            case RectangleGateDefinition { Bounds.Count: 1 } range:
                var bound = range.Bounds[0];
                yaml.Append("    type: range\n    channel: ").Append(Quote(bound.Channel)).Append('\n');
                if (bound.Min is { } min)
                {
                    yaml.Append("    min: ").Append(Number(min)).Append('\n');
                }

                if (bound.Max is { } max)
                {
                    yaml.Append("    max: ").Append(Number(max)).Append('\n');
                }

                break;
            case RectangleGateDefinition rectangle:
                yaml.Append("    type: rectangle\n    bounds:\n");
                foreach (var dimension in rectangle.Bounds)
                {
                    var sides = new List<string>();
                    if (dimension.Min is { } low)
                    {
                        sides.Add("min: " + Number(low));
                    }

                    if (dimension.Max is { } high)
                    {
                        sides.Add("max: " + Number(high));
                    }

                    yaml.Append("      ").Append(Quote(dimension.Channel)).Append(": { ").Append(string.Join(", ", sides)).Append(" }\n");
                }

                break;
            case PolygonGateDefinition polygon:
                yaml.Append("    type: polygon\n    x: ").Append(Quote(polygon.X)).Append("\n    y: ").Append(Quote(polygon.Y)).Append("\n    vertices: [");
                yaml.Append(string.Join(", ", polygon.Vertices.Select(vertex => "[" + Number(vertex.X) + ", " + Number(vertex.Y) + "]"))).Append("]\n");
                break;
            case EllipsoidGateDefinition { Dimensions.Count: 2 } ellipse:
                yaml.Append("    type: ellipse\n    x: ").Append(Quote(ellipse.Dimensions[0])).Append("\n    y: ").Append(Quote(ellipse.Dimensions[1])).Append('\n');
                Ellipsoid(yaml, ellipse);
                break;
            case EllipsoidGateDefinition ellipsoid:
                yaml.Append("    type: ellipsoid\n    channels: ").Append(List(ellipsoid.Dimensions.Select(Quote))).Append('\n');
                Ellipsoid(yaml, ellipsoid);
                break;
            case QuadrantGateDefinition quadrant:
                yaml.Append("    type: quadrant\n    x: ").Append(Quote(quadrant.X)).Append("\n    y: ").Append(Quote(quadrant.Y)).Append('\n');
                yaml.Append("    at: [").Append(Number(quadrant.XDivider)).Append(", ").Append(Number(quadrant.YDivider)).Append("]\n    quadrants:\n");
                foreach (var named in quadrant.Quadrants)
                {
                    yaml.Append("      ").Append(Quote(named.Id)).Append(": [").Append(named.XPositive ? "positive" : "negative").Append(", ").Append(named.YPositive ? "positive" : "negative").Append("]\n");
                }

                break;
            case BooleanGateDefinition boolean:
                var type = boolean.Operation switch
                {
                    BooleanOperation.And => "and",
                    BooleanOperation.Or => "or",
                    _ => "not",
                };
                yaml.Append("    type: ").Append(type).Append("\n    of: ");
                yaml.Append(List(boolean.Operands.Select(operand => Quote((operand.Complement ? "not " : string.Empty) + operand.PopulationId)))).Append('\n');
                break;
            default:
                throw new ArgumentException("unknown gate definition " + gate.GetType().Name, nameof(gate));
        }
    }

    private static void Ellipsoid(StringBuilder yaml, EllipsoidGateDefinition ellipsoid)
    {
        var n = ellipsoid.Dimensions.Count;
        yaml.Append("    center: [").Append(string.Join(", ", ellipsoid.Center.Select(Number))).Append("]\n    covariance: [");
        for (var i = 0; i < n; i++)
        {
            var row = new string[n];
            for (var j = 0; j < n; j++)
            {
                row[j] = Number(ellipsoid.Covariance[i, j]);
            }

            yaml.Append(i > 0 ? ", " : string.Empty).Append('[').Append(string.Join(", ", row)).Append(']');
        }

        yaml.Append("]\n    distance_squared: ").Append(Number(ellipsoid.DistanceSquared)).Append('\n');
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    /// <summary>Round-trippable invariant decimal; the template language has no infinities, so none may reach here.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("a template number must be finite, not " + value, nameof(value));
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case < ' ' or '\u007f':
                    quoted.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    quoted.Append(c);
                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
