using CytoViability.Core.Files;
using CytoViability.Core.Gating;

namespace CytoViability.Core.Templates;

/// <summary>
/// Reads a template's YAML nodes into a <see cref="GatingTemplate"/>, collecting every problem with its line and
/// column; returns null when there is any. Paths in the template are resolved against <c>baseDirectory</c>.
/// </summary>
internal sealed class TemplateParser
{
    private static readonly string[] TopLevelKeys = ["name", "description", "channels", "ratios", "compensation", "transforms", "units", "gates", "statistics", "assays", "reference", "order", "qc"];

    private readonly YamlReadContext _context;
    private readonly string _baseDirectory;
    private readonly HashSet<string> _channelNames = new(StringComparer.Ordinal);

    public TemplateParser(YamlReadContext context, string baseDirectory)
    {
        _context = context;
        _baseDirectory = baseDirectory;
    }

    public GatingTemplate? Parse(YamlNode? root, string sourcePath, string sha256)
    {
        if (root is null || root is YamlScalar { IsNull: true })
        {
            if (_context.Problems.Count == 0)
            {
                _context.Error(new TextPosition(1, 1), "the template is empty");
            }

            return null;
        }

        var top = _context.Mapping(root, "a template");
        if (top is null)
        {
            return null;
        }

        _context.CheckKeys(top, "the template", TopLevelKeys);
        var name = top["name"] is { } nameNode ? _context.Text(nameNode, "'name'") : null;
        var description = top["description"] is { } descriptionNode ? _context.Text(descriptionNode, "'description'") : null;

        var channelsNode = _context.Required(top, "channels", "the template");
        var channels = channelsNode is null ? [] : ReadChannels(channelsNode);
        var ratios = top["ratios"] is { } ratiosNode ? ReadRatios(ratiosNode) : [];
        var compensation = top["compensation"] is { } compensationNode ? ReadCompensation(compensationNode) : CompensationChoice.FromFile;
        var transforms = top["transforms"] is { } transformsNode ? ReadTransforms(transformsNode) : new Dictionary<string, TransformDefinition>(StringComparer.Ordinal);
        var units = top["units"] is { } unitsNode ? GateParser.ReadUnits(unitsNode, _context) ?? GateUnits.Data : GateUnits.Data;

        var gates = new GateParser(_context, _channelNames, units);
        if (_context.Required(top, "gates", "the template") is { } gatesNode)
        {
            gates.Read(gatesNode);
        }

        var populations = new HashSet<string>(gates.OrderedPopulations, StringComparer.Ordinal);
        populations.UnionWith(gates.BrokenIds);
        var statistics = top["statistics"] is { } statisticsNode ? ReadStatistics(statisticsNode, populations) : StatisticsRequest.Everything;
        var assays = top["assays"] is { } assaysNode ? new AssayParser(_context, populations, gates.Parents, _channelNames).Read(assaysNode) : AssayRequests.None;
        var reference = top["reference"] is { } referenceNode ? ReadConditionValues(_context, referenceNode, "'reference'") ?? [] : [];
        var order = top["order"] is { } orderNode
            ? ConditionOrderReader.Read(orderNode, _context, column => YamlReadContext.IsIdentifier(column) ? null : "'order': '" + YamlReadContext.Shorten(column) + "' is not a column name (letters, digits and _ - + .)")
            : [];
        var qc = top["qc"] is { } qcNode ? ReadQc(qcNode, populations) : QcSettings.Defaults;

        if (_context.Problems.Count > 0)
        {
            return null;
        }

        return new GatingTemplate(sourcePath, sha256, name, description, channels, ratios, compensation, transforms, gates.Gates, gates.OrderedPopulations, gates.Parents, statistics, assays, reference, qc) { Order = order };
    }

    private List<ChannelAlias> ReadChannels(YamlNode node)
    {
        var result = new List<ChannelAlias>();
        var mapping = _context.Mapping(node, "'channels'");
        if (mapping is null)
        {
            return result;
        }

        if (mapping.Entries.Count == 0)
        {
            _context.Error(mapping.Position, "'channels' is empty; name at least one channel");
        }

        foreach (var (key, value) in mapping.Entries)
        {
            var alias = _context.Identifier(key, "channel alias");
            if (alias is null)
            {
                continue;
            }

            _channelNames.Add(alias);
            var what = "channel '" + alias + "'";
            if (value is YamlMapping detailed)
            {
                _context.CheckKeys(detailed, what, "marker", "detector");
                var markers = detailed["marker"] is { } markerNode ? _context.TextList(markerNode, "'marker' of " + what) : [];
                var detectors = detailed["detector"] is { } detectorNode ? _context.TextList(detectorNode, "'detector' of " + what) : [];
                if (markers is null || detectors is null)
                {
                    continue;
                }

                if (markers.Count == 0 && detectors.Count == 0)
                {
                    _context.Error(detailed.Position, what + " needs 'marker', 'detector' or both");
                    continue;
                }

                result.Add(new ChannelAlias(alias, [], Trimmed(markers), Trimmed(detectors), key.Position));
            }
            else
            {
                var names = _context.TextList(value, what);
                if (names is not null)
                {
                    result.Add(new ChannelAlias(alias, Trimmed(names), [], [], key.Position));
                }
            }
        }

        return result;
    }

    private static string[] Trimmed(List<(string Value, TextPosition Position)> values)
    {
        var result = new string[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = values[i].Value.Trim();
        }

        return result;
    }

    private List<RatioChannel> ReadRatios(YamlNode node)
    {
        var result = new List<RatioChannel>();
        var mapping = _context.Mapping(node, "'ratios'");
        if (mapping is null)
        {
            return result;
        }

        var aliases = new HashSet<string>(_channelNames, StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            var name = _context.Identifier(key, "ratio name");
            if (name is null)
            {
                continue;
            }

            var what = "ratio '" + name + "'";
            if (aliases.Contains(name))
            {
                _context.Error(key.Position, what + " has the name of a channel alias");
                continue;
            }

            var definition = _context.Mapping(value, what);
            if (definition is null)
            {
                continue;
            }

            _context.CheckKeys(definition, what, "numerator", "denominator", "A", "B", "C");
            var numerator = AliasReference(_context.Required(definition, "numerator", what), aliases, "'numerator' of " + what);
            var denominator = AliasReference(_context.Required(definition, "denominator", what), aliases, "'denominator' of " + what);
            var a = OptionalNumber(definition, "A", what, 1);
            var b = OptionalNumber(definition, "B", what, 0);
            var c = OptionalNumber(definition, "C", what, 0);
            _channelNames.Add(name);
            if (numerator is not null && denominator is not null && a is not null && b is not null && c is not null)
            {
                result.Add(new RatioChannel(name, numerator, denominator, a.Value, b.Value, c.Value, key.Position));
            }
        }

        return result;
    }

    private string? AliasReference(YamlNode? node, ISet<string> known, string what)
    {
        if (node is null)
        {
            return null;
        }

        var name = _context.Identifier(node, what);
        if (name is not null && !known.Contains(name))
        {
            _context.Error(node.Position, "unknown channel alias '" + name + "' in " + what);
            return null;
        }

        return name;
    }

    private double? OptionalNumber(YamlMapping mapping, string key, string what, double fallback)
        => mapping[key] is { } node ? _context.Number(node, "'" + key + "' of " + what) : fallback;

    private CompensationChoice ReadCompensation(YamlNode node)
    {
        if (node is YamlScalar)
        {
            var text = _context.Text(node, "'compensation'");
            switch (text)
            {
                case "file":
                    return CompensationChoice.FromFile;
                case "none":
                    return new CompensationChoice(CompensationSource.Uncompensated, null);
                case null:
                    return CompensationChoice.FromFile;
                default:
                    _context.Error(node.Position, "'compensation' must be file, none or { matrix: FILE.csv }, not '" + YamlReadContext.Shorten(text) + "'");
                    return CompensationChoice.FromFile;
            }
        }

        var mapping = _context.Mapping(node, "'compensation'");
        if (mapping is null)
        {
            return CompensationChoice.FromFile;
        }

        _context.CheckKeys(mapping, "'compensation'", "matrix");
        var pathNode = _context.Required(mapping, "matrix", "'compensation'");
        var path = pathNode is null ? null : _context.Text(pathNode, "'matrix' of 'compensation'");
        if (path is null)
        {
            return CompensationChoice.FromFile;
        }

        var full = ContainedPath.Resolve(_baseDirectory, path, out var refusal);
        if (full is null)
        {
            _context.Error(pathNode!.Position, "'matrix' of 'compensation': " + refusal);
            return CompensationChoice.FromFile;
        }

        var matrix = CompensationMatrixReader.Read(full, path, pathNode!.Position, _context);
        return matrix is null ? CompensationChoice.FromFile : new CompensationChoice(CompensationSource.Matrix, matrix);
    }

    private Dictionary<string, TransformDefinition> ReadTransforms(YamlNode node)
    {
        var result = new Dictionary<string, TransformDefinition>(StringComparer.Ordinal);
        var mapping = _context.Mapping(node, "'transforms'");
        if (mapping is null)
        {
            return result;
        }

        foreach (var (key, value) in mapping.Entries)
        {
            var channel = AliasReference(key, _channelNames, "'transforms'");
            var transform = ReadTransform(value, "transform of '" + key.Value + "'");
            if (channel is not null && transform is not null)
            {
                result[channel] = transform;
            }
        }

        return result;
    }

    private TransformDefinition? ReadTransform(YamlNode node, string what)
    {
        YamlMapping? parameters = null;
        YamlNode typeNode = node;
        if (node is YamlMapping mapping)
        {
            parameters = mapping;
            var required = _context.Required(mapping, "type", what);
            if (required is null)
            {
                return null;
            }

            typeNode = required;
        }

        var type = _context.Text(typeNode, "'type' of " + what);
        if (type is null)
        {
            return null;
        }

        TransformKind kind;
        string[] keys;
        switch (type)
        {
            case "linear":
                kind = TransformKind.Linear;
                keys = ["type", "T", "A"];
                break;
            case "log":
                kind = TransformKind.Log;
                keys = ["type", "T", "M"];
                break;
            case "asinh":
                kind = TransformKind.Asinh;
                keys = ["type", "T", "M", "A"];
                break;
            case "logicle" or "hyperlog" or "biex":
                kind = type switch { "logicle" => TransformKind.Logicle, "hyperlog" => TransformKind.Hyperlog, _ => TransformKind.Biex };
                keys = ["type", "T", "W", "M", "A"];
                break;
            default:
                _context.Error(typeNode.Position, "unknown transform '" + YamlReadContext.Shorten(type) + "' in " + what + " (known: linear, log, asinh, logicle, hyperlog, biex)");
                return null;
        }

        double t = 262144, w = kind == TransformKind.Biex ? -10 : 0.5, m = 4.5, a = 0;
        if (parameters is not null)
        {
            _context.CheckKeys(parameters, what + " (" + type + ")", keys);
            var ok = true;
            ok &= Parameter(parameters, "T", what, ref t);
            ok &= Parameter(parameters, "W", what, ref w);
            ok &= Parameter(parameters, "M", what, ref m);
            ok &= Parameter(parameters, "A", what, ref a);
            if (!ok)
            {
                return null;
            }
        }

        var definition = new TransformDefinition(kind, t, w, m, a, node.Position);
        try
        {
            TransformFactory.Create(definition);
        }
        catch (ArgumentException exception)
        {
            _context.Error(node.Position, what + ": " + exception.Message);
            return null;
        }

        return definition;
    }

    private bool Parameter(YamlMapping parameters, string key, string what, ref double value)
    {
        if (parameters[key] is not { } node)
        {
            return true;
        }

        var read = _context.Number(node, "'" + key + "' of " + what);
        if (read is null)
        {
            return false;
        }

        value = read.Value;
        return true;
    }
    private StatisticsRequest ReadStatistics(YamlNode node, ISet<string> populations)
    {
        var mapping = _context.Mapping(node, "'statistics'");
        if (mapping is null)
        {
            return StatisticsRequest.Everything;
        }

        _context.CheckKeys(mapping, "'statistics'", "populations", "mfi");
        List<string>? reported = null;
        if (mapping["populations"] is { } populationsNode)
        {
            var list = _context.TextList(populationsNode, "'populations' of 'statistics'");
            if (list is not null)
            {
                reported = [];
                foreach (var (value, position) in list)
                {
                    if (PopulationReference(value, position, populations, "'populations' of 'statistics'") && !reported.Contains(value))
                    {
                        reported.Add(value);
                    }
                }
            }
        }

        var mfi = new List<MfiRequest>();
        if (mapping["mfi"] is { } mfiNode && _context.Mapping(mfiNode, "'mfi' of 'statistics'") is { } mfiMap)
        {
            foreach (var (key, value) in mfiMap.Entries)
            {
                var ok = PopulationReference(key.Value, key.Position, populations, "'mfi' of 'statistics'");
                var channels = _context.TextList(value, "channels of '" + key.Value + "' in 'mfi'");
                if (channels is null)
                {
                    continue;
                }

                var names = new List<string>();
                foreach (var (channel, position) in channels)
                {
                    if (!_channelNames.Contains(channel))
                    {
                        _context.Error(position, "unknown channel alias '" + YamlReadContext.Shorten(channel) + "' in 'mfi' of 'statistics'");
                        ok = false;
                    }
                    else if (!names.Contains(channel))
                    {
                        names.Add(channel);
                    }
                }

                if (ok)
                {
                    mfi.Add(new MfiRequest(key.Value, names));
                }
            }
        }

        return new StatisticsRequest(reported, mfi);
    }

    private bool PopulationReference(string id, TextPosition position, ISet<string> populations, string what)
    {
        if (populations.Contains(id))
        {
            return true;
        }

        _context.Error(position, "unknown population '" + YamlReadContext.Shorten(id) + "' in " + what);
        return false;
    }

    internal static List<ConditionValue>? ReadConditionValues(YamlReadContext context, YamlNode node, string what)
    {
        var mapping = context.Mapping(node, what + " ({ column: value })");
        if (mapping is null)
        {
            return null;
        }

        if (mapping.Entries.Count == 0)
        {
            context.Error(mapping.Position, what + " is empty");
            return null;
        }

        var result = new List<ConditionValue>();
        foreach (var (key, value) in mapping.Entries)
        {
            var column = context.Identifier(key, "column name in " + what);
            var text = value is YamlScalar { IsQuoted: true } quoted ? quoted.Value : context.Text(value, "value of '" + key.Value + "' in " + what);
            if (column is not null && text is not null)
            {
                result.Add(new ConditionValue(column.ToLowerInvariant(), text.Trim()));
            }
        }

        return result;
    }

    private QcSettings ReadQc(YamlNode node, ISet<string> populations)
    {
        var defaults = QcSettings.Defaults;
        var mapping = _context.Mapping(node, "'qc'");
        if (mapping is null)
        {
            return defaults;
        }

        _context.CheckKeys(mapping, "'qc'", "minimum_events", "saturation_percent", "minimum_percent", "replicate_difference", "control_dead_percent");
        var minimumEvents = defaults.MinimumEvents;
        if (mapping["minimum_events"] is { } eventsNode && _context.Mapping(eventsNode, "'minimum_events' of 'qc'") is { } eventsMap)
        {
            var list = new List<KeyValuePair<string, int>>();
            foreach (var (key, value) in eventsMap.Entries)
            {
                var known = PopulationReference(key.Value, key.Position, populations, "'minimum_events' of 'qc'");
                var count = _context.Integer(value, "minimum events of '" + key.Value + "'", 0, int.MaxValue);
                if (known && count is not null)
                {
                    list.Add(new(key.Value, count.Value));
                }
            }

            minimumEvents = list;
        }

        return new QcSettings(
            minimumEvents,
            Percent(mapping, "saturation_percent", defaults.SaturationPercent),
            Percent(mapping, "minimum_percent", defaults.MinimumPercent),
            Percent(mapping, "replicate_difference", defaults.ReplicateDifference),
            Percent(mapping, "control_dead_percent", defaults.ControlDeadPercent));
    }

    private double Percent(YamlMapping mapping, string key, double fallback)
    {
        if (mapping[key] is not { } node)
        {
            return fallback;
        }

        var value = _context.Number(node, "'" + key + "' of 'qc'");
        if (value is < 0 or > 100)
        {
            _context.Error(node.Position, "'" + key + "' of 'qc' must be a percentage from 0 to 100, not " + value);
            return fallback;
        }

        return value ?? fallback;
    }
}
