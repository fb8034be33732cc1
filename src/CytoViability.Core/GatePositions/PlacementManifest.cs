using System.Text.Json;
using CytoViability.Core.Templates;

namespace CytoViability.Core.GatePositions;

/// <summary>run.json's "gate_positions": every computed coordinate's method, parameters and per-group result, and the overrides.</summary>
internal static class PlacementManifest
{
    public static void Write(Utf8JsonWriter json, RunPlacement placement)
    {
        json.WriteStartArray("gate_positions");
        foreach (var coordinate in placement.Plan.Coordinates)
        {
            if (coordinate.Computed is not { } position)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("gate", coordinate.GateId);
            json.WriteString("dimension", coordinate.Dimension);
            json.WriteString("parent", coordinate.ParentId);
            json.WriteString("method", position.Method.ToString().ToLowerInvariant());
            json.WriteString("description", position.Describe());
            json.WriteString("scope", position.Scope.ToString());
            json.WriteString("range", position.Range.ToString());
            if (position.Allowed is { } allowed)
            {
                json.WriteStartArray("allowed");
                json.WriteNumberValue(allowed.Minimum);
                json.WriteNumberValue(allowed.Maximum);
                json.WriteEndArray();
            }

            if (position.Fallback is { } fallback)
            {
                json.WriteNumber("fallback", fallback);
            }
            else
            {
                json.WriteString("fallback", "group");
            }

            json.WriteNumber("minimum_events", position.MinimumEvents);
            WriteParameters(json, position);
            json.WriteStartArray("groups");
            if (placement.Groups.TryGetValue(coordinate.Key, out var groups))
            {
                foreach (var (group, result) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteString("group", group);
                    if (result.Position is { } axis)
                    {
                        json.WriteNumber("axis_position", axis);
                        json.WriteNumber("value", placement.Plan.Axes.ToData(coordinate.Channel, axis));
                    }
                    else
                    {
                        json.WriteNull("value");
                        json.WriteString("reason", result.Reason);
                    }

                    json.WriteStartObject("diagnostics");
                    foreach (var (name, value) in result.Diagnostics.OrderBy(d => d.Key, StringComparer.Ordinal))
                    {
                        if (double.IsFinite(value))
                        {
                            json.WriteNumber(name, value);
                        }
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("gate_overrides");
        foreach (var entry in placement.Overrides)
        {
            json.WriteStartObject();
            json.WriteString("gate", entry.Gate);
            json.WriteString("dimension", entry.Dimension);
            json.WriteNumber("value", entry.Value);
            json.WriteString("scope", entry.Scope);
            if (entry.Sample is { } sample)
            {
                json.WriteString("sample", sample);
            }

            json.WriteString("source", entry.File + ":" + entry.Position);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteParameters(Utf8JsonWriter json, ComputedPosition position)
    {
        json.WriteStartObject("parameters");
        switch (position.Method)
        {
            case PlacementMethod.Valley:
                json.WriteNumber("separation", position.Separation ?? CoordinatePlacer.DefaultSeparation);
                if (position.Bandwidth is { } bandwidth)
                {
                    json.WriteNumber("bandwidth", bandwidth);
                }

                json.WriteNumber("valley_ratio", position.ValleyRatio ?? 0.8);
                break;
            case PlacementMethod.Quantile:
                json.WriteNumber("probability", position.Probability);
                break;
            case PlacementMethod.Tail:
                json.WriteNumber("tolerance", position.Tolerance);
                json.WriteString("side", position.Above ? "above" : "below");
                break;
            case PlacementMethod.Band:
                json.WriteNumber("k", position.K);
                break;
            case PlacementMethod.Cluster:
                json.WriteNumber("times", position.Times);
                break;
            default:
                var control = position.Control!;
                json.WriteStartObject("where");
                foreach (var condition in control.Where)
                {
                    json.WriteString(condition.Column, condition.Value);
                }

                json.WriteEndObject();
                json.WriteString("match", control.SameDonor ? "donor" : "run");
                json.WriteString("statistic", control.Summary == ControlSummary.Percentile ? "percentile" : "mean_plus_sd");
                json.WriteNumber("value", control.Value);
                break;
        }

        json.WriteEndObject();
    }
}
