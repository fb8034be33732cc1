using System.Globalization;

namespace CytoViability.Core.Templates;

/// <summary>
/// Reads a computed gate coordinate, written where a number could stand:
/// <c>{ method: valley, range: [300, 30000], scope: run, allowed: [1000, 20000], fallback: 6000 }</c>.
/// Every problem is reported with its line and column; null when there is any.
/// </summary>
internal sealed class PositionParser(YamlReadContext context)
{
    private static readonly string[] CommonKeys = ["method", "scope", "range", "allowed", "fallback", "minimum_events"];

    /// <summary>A number (fixed coordinate) or a method block; <paramref name="side"/> is min, max or divider.</summary>
    public (double? Fixed, ComputedPosition? Computed, bool Ok) Read(YamlNode node, string what, string side)
    {
        if (node is not YamlMapping mapping)
        {
            var number = context.Number(node, what);
            return (number, null, number.HasValue);
        }

        var computed = ReadMethod(mapping, what, side);
        return (computed?.Fallback, computed, computed is not null);
    }

    private ComputedPosition? ReadMethod(YamlMapping mapping, string what, string side)
    {
        var methodNode = context.Required(mapping, "method", what + " (a computed position)");
        var methodText = methodNode is null ? null : context.Text(methodNode, "'method' of " + what);
        PlacementMethod? method = methodText switch
        {
            null => null,
            "valley" => PlacementMethod.Valley,
            "quantile" => PlacementMethod.Quantile,
            "tail" => PlacementMethod.Tail,
            "control" => PlacementMethod.Control,
            "band" => PlacementMethod.Band,
            "cluster" => PlacementMethod.Cluster,
            _ => Unknown(methodNode!, methodText, what),
        };
        if (method is null)
        {
            return null;
        }

        string[] extra = method switch
        {
            PlacementMethod.Valley => ["bandwidth", "separation", "valley_ratio"],
            PlacementMethod.Quantile => ["probability"],
            PlacementMethod.Tail => ["tolerance", "side"],
            PlacementMethod.Control => ["control"],
            PlacementMethod.Band => ["k"],
            _ => ["times"],
        };
        var label = what + " (" + methodText + ")";
        context.CheckKeys(mapping, label, [.. CommonKeys, .. extra]);
        var ok = true;
        if (method == PlacementMethod.Band && side == "divider")
        {
            context.Error(methodNode!.Position, label + ": 'band' places a lower and an upper bound; use it for 'min' and 'max' of a range");
            ok = false;
        }

        var scope = mapping["scope"] is { } scopeNode ? ReadScope(scopeNode, label) : PlacementScope.Run;
        ok &= scope is not null;
        var range = mapping["range"] is { } rangeNode ? ReadRange(rangeNode, label) : SearchRange.WholeAxis;
        ok &= range is not null;
        (double, double)? allowed = null;
        if (mapping["allowed"] is { } allowedNode)
        {
            allowed = ReadInterval(allowedNode, "'allowed' of " + label);
            ok &= allowed is not null;
        }

        double? fallback = null;
        var fallbackNode = context.Required(mapping, "fallback", label);
        if (fallbackNode is YamlScalar { Value: "group", IsQuoted: false })
        {
            if (scope is { Kind: PlacementScopeKind.Run })
            {
                context.Error(fallbackNode.Position, "'fallback: group' of " + label + " needs 'scope: sample' or a sheet column (the group is the whole run)");
                ok = false;
            }
        }
        else if (fallbackNode is not null)
        {
            fallback = context.Number(fallbackNode, "'fallback' of " + label + " (a number, or 'group')");
            ok &= fallback.HasValue;
            if (fallback is { } value && allowed is { } limits && (value < limits.Item1 || value > limits.Item2))
            {
                context.Error(fallbackNode.Position, "'fallback' " + Format(value) + " of " + label + " lies outside 'allowed' [" + Format(limits.Item1) + ", " + Format(limits.Item2) + "]");
                ok = false;
            }
        }
        else
        {
            ok = false;
        }

        var minimumEvents = 100;
        if (mapping["minimum_events"] is { } minimumNode)
        {
            var value = context.Integer(minimumNode, "'minimum_events' of " + label, 1, int.MaxValue);
            ok &= value.HasValue;
            minimumEvents = value ?? minimumEvents;
        }

        var position = new ComputedPosition(method.Value, scope ?? PlacementScope.Run, range ?? SearchRange.WholeAxis, allowed, fallback, mapping.Position) { MinimumEvents = minimumEvents };
        switch (method)
        {
            case PlacementMethod.Valley:
                position = position with
                {
                    Bandwidth = Optional(mapping, "bandwidth", label, 0, 1, ref ok),
                    Separation = Optional(mapping, "separation", label, 0, 1, ref ok),
                    ValleyRatio = Optional(mapping, "valley_ratio", label, 0, 1, ref ok),
                };
                break;
            case PlacementMethod.Quantile:
                position = position with { Probability = RequiredFraction(mapping, "probability", label, ref ok) };
                break;
            case PlacementMethod.Tail:
                position = position with { Tolerance = RequiredFraction(mapping, "tolerance", label, ref ok), Above = ReadSide(mapping, label, ref ok) };
                break;
            case PlacementMethod.Band:
                position = position with { K = RequiredPositive(mapping, "k", label, ref ok) };
                break;
            case PlacementMethod.Cluster:
                position = position with { Times = RequiredPositive(mapping, "times", label, ref ok) };
                break;
            default:
                var control = context.Required(mapping, "control", label) is { } controlNode ? ReadControl(controlNode, label) : null;
                ok &= control is not null;
                position = position with { Control = control };
                break;
        }

        return ok ? position : null;
    }

    private PlacementMethod? Unknown(YamlNode node, string text, string what)
    {
        context.Error(node.Position, "unknown method '" + YamlReadContext.Shorten(text) + "' of " + what + " (known: valley, quantile, tail, control, band, cluster)");
        return null;
    }

    private PlacementScope? ReadScope(YamlNode node, string what)
    {
        var text = context.Identifier(node, "'scope' of " + what + " (run, sample or a sheet column)");
        return text switch
        {
            null => null,
            "run" => PlacementScope.Run,
            "sample" => PlacementScope.Sample,
            _ => new PlacementScope(PlacementScopeKind.Column, text.ToLowerInvariant()),
        };
    }

    private SearchRange? ReadRange(YamlNode node, string what)
    {
        if (node is YamlScalar scalar)
        {
            switch (context.Text(node, "'range' of " + what))
            {
                case null:
                    return null;
                case "below main cluster":
                    return new SearchRange(SearchRangeKind.BelowMainCluster, double.NegativeInfinity, double.PositiveInfinity);
                case "above main cluster":
                    return new SearchRange(SearchRangeKind.AboveMainCluster, double.NegativeInfinity, double.PositiveInfinity);
                default:
                    context.Error(scalar.Position, "'range' of " + what + " must be [low, high] in data units, 'below main cluster' or 'above main cluster'");
                    return null;
            }
        }

        return ReadInterval(node, "'range' of " + what) is { } interval ? new SearchRange(SearchRangeKind.Between, interval.Minimum, interval.Maximum) : null;
    }

    private (double Minimum, double Maximum)? ReadInterval(YamlNode node, string what)
    {
        var pair = context.NumberList(node, what + " ([low, high] in data units)", 2);
        if (pair is null)
        {
            return null;
        }

        if (pair[0] >= pair[1])
        {
            context.Error(node.Position, what + ": low (" + Format(pair[0]) + ") must be below high (" + Format(pair[1]) + ")");
            return null;
        }

        return (pair[0], pair[1]);
    }

    private double? Optional(YamlMapping mapping, string key, string what, double above, double atMost, ref bool ok)
    {
        if (mapping[key] is not { } node)
        {
            return null;
        }

        var value = context.Number(node, "'" + key + "' of " + what);
        if (value is { } v && !(v > above && v <= atMost))
        {
            context.Error(node.Position, "'" + key + "' of " + what + " must be above " + Format(above) + " and at most " + Format(atMost));
            value = null;
        }

        ok &= value.HasValue;
        return value;
    }

    private double RequiredFraction(YamlMapping mapping, string key, string what, ref bool ok)
    {
        var node = context.Required(mapping, key, what);
        var value = node is null ? null : context.Number(node, "'" + key + "' of " + what);
        if (value is { } v && !(v > 0 && v < 1))
        {
            context.Error(node!.Position, "'" + key + "' of " + what + " must lie between 0 and 1 (e.g. 0.995), not " + Format(v));
            value = null;
        }

        ok &= value.HasValue;
        return value ?? 0;
    }

    private double RequiredPositive(YamlMapping mapping, string key, string what, ref bool ok)
    {
        var node = context.Required(mapping, key, what);
        var value = node is null ? null : context.Number(node, "'" + key + "' of " + what);
        if (value is <= 0)
        {
            context.Error(node!.Position, "'" + key + "' of " + what + " must be above 0");
            value = null;
        }

        ok &= value.HasValue;
        return value ?? 0;
    }

    private bool ReadSide(YamlMapping mapping, string what, ref bool ok)
    {
        if (mapping["side"] is not { } node)
        {
            return true;
        }

        switch (context.Text(node, "'side' of " + what))
        {
            case "above":
                return true;
            case "below":
                return false;
            case null:
                ok = false;
                return true;
            default:
                context.Error(node.Position, "'side' of " + what + " must be 'above' (the positive tail) or 'below'");
                ok = false;
                return true;
        }
    }

    private ControlSelection? ReadControl(YamlNode node, string what)
    {
        var label = "'control' of " + what;
        var mapping = context.Mapping(node, label);
        if (mapping is null)
        {
            return null;
        }

        context.CheckKeys(mapping, label, "where", "match", "statistic");
        var whereNode = context.Required(mapping, "where", label);
        var where = whereNode is null ? null : TemplateParser.ReadConditionValues(context, whereNode, "'where' of " + label);
        var sameDonor = true;
        var ok = where is not null;
        if (mapping["match"] is { } matchNode)
        {
            switch (context.Text(matchNode, "'match' of " + label))
            {
                case "donor":
                    break;
                case "run":
                    sameDonor = false;
                    break;
                case null:
                    ok = false;
                    break;
                default:
                    context.Error(matchNode.Position, "'match' of " + label + " must be 'donor' (the same donor's control) or 'run' (every control of the run)");
                    ok = false;
                    break;
            }
        }

        var statisticNode = context.Required(mapping, "statistic", label);
        var statistic = statisticNode is null ? null : context.Text(statisticNode, "'statistic' of " + label);
        ControlSummary summary = ControlSummary.Percentile;
        double value = 0;
        if (statistic is not null)
        {
            var parts = statistic.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var parsed = parts.Length == 2 && double.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
            if (parsed && parts[0] == "percentile" && value > 0 && value < 100)
            {
                summary = ControlSummary.Percentile;
            }
            else if (parsed && parts[0] == "mean_plus_sd" && value > 0)
            {
                summary = ControlSummary.MeanPlusSd;
            }
            else
            {
                context.Error(statisticNode!.Position, "'statistic' of " + label + " must be 'percentile P' (0 < P < 100, e.g. percentile 99.5) or 'mean_plus_sd K' (e.g. mean_plus_sd 3)");
                ok = false;
            }
        }
        else
        {
            ok = false;
        }

        return ok ? new ControlSelection(where!, sameDonor, summary, value) : null;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
