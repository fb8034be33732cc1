namespace CytoViability.Core.Templates;

/// <summary>Reads the `assays` section; every population and channel it names must exist in the template.</summary>
internal sealed class AssayParser
{
    private readonly YamlReadContext _context;
    private readonly ISet<string> _populations;
    private readonly IReadOnlyDictionary<string, string> _parents;
    private readonly ISet<string> _channels;

    public AssayParser(YamlReadContext context, ISet<string> populations, IReadOnlyDictionary<string, string> parents, ISet<string> channels)
    {
        _context = context;
        _populations = populations;
        _parents = parents;
        _channels = channels;
    }

    public AssayRequests Read(YamlNode node)
    {
        var mapping = _context.Mapping(node, "'assays'");
        if (mapping is null)
        {
            return AssayRequests.None;
        }

        _context.CheckKeys(mapping, "'assays'", "viability", "killing", "purity", "mfi_fold");
        var viability = mapping["viability"] is { } v ? ReadViability(v) : null;
        var killing = mapping["killing"] is { } k ? ReadKilling(k) : null;
        var purity = mapping["purity"] is { } p ? ReadPurity(p) : null;
        var fold = mapping["mfi_fold"] is { } f ? ReadMfiFold(f) : null;
        return new AssayRequests(viability, killing, purity, fold);
    }

    private string? Population(YamlMapping mapping, string key, string what, bool required)
    {
        var node = required ? _context.Required(mapping, key, what) : mapping[key];
        if (node is null)
        {
            return null;
        }

        var id = _context.Text(node, "'" + key + "' of " + what);
        if (id is null)
        {
            return null;
        }

        if (!_populations.Contains(id))
        {
            _context.Error(node.Position, "unknown population '" + YamlReadContext.Shorten(id) + "' in '" + key + "' of " + what);
            return null;
        }

        return id;
    }

    private string ParentOf(string population)
        => _parents.TryGetValue(population, out var parent) ? parent : GatingTemplate.AllEvents;

    private ViabilityRequest? ReadViability(YamlNode node)
    {
        const string what = "assay 'viability'";
        var mapping = _context.Mapping(node, what);
        if (mapping is null)
        {
            return null;
        }

        _context.CheckKeys(mapping, what, "population", "of");
        var population = Population(mapping, "population", what, true);
        var of = mapping["of"] is null ? GatingTemplate.AllEvents : Population(mapping, "of", what, false);
        return population is not null && of is not null ? new ViabilityRequest(population, of) : null;
    }

    private KillingRequest? ReadKilling(YamlNode node)
    {
        const string what = "assay 'killing'";
        var mapping = _context.Mapping(node, what);
        if (mapping is null)
        {
            return null;
        }

        _context.CheckKeys(mapping, what, "dead", "of", "method", "control", "live", "per");
        var dead = Population(mapping, "dead", what, true);
        var of = mapping["of"] is null ? (dead is null ? null : ParentOf(dead)) : Population(mapping, "of", what, false);
        KillingMethod? method = null;
        if (_context.Required(mapping, "method", what) is { } methodNode)
        {
            var text = _context.Text(methodNode, "'method' of " + what);
            if (text is not null && KillingMethodNames.TryParse(text, out var parsed))
            {
                method = parsed;
            }
            else if (text is not null)
            {
                _context.Error(methodNode.Position, "'method' of " + what + " must be difference, specific, relative or count, not '" + YamlReadContext.Shorten(text) + "'");
            }
        }

        var controlNode = _context.Required(mapping, "control", what);
        var control = controlNode is null ? null : TemplateParser.ReadConditionValues(_context, controlNode, "'control' of " + what);
        string? live = null;
        string? per = null;
        if (method == KillingMethod.Count)
        {
            live = Population(mapping, "live", what + " (method count)", true);
            per = Population(mapping, "per", what + " (method count)", true);
            if (live is null || per is null)
            {
                return null;
            }
        }
        else
        {
            foreach (var key in new[] { "live", "per" })
            {
                if (mapping[key] is { } stray)
                {
                    _context.Error(stray.Position, "'" + key + "' of " + what + " is only used with method count");
                }
            }
        }

        return dead is not null && of is not null && method is not null && control is not null
            ? new KillingRequest(dead, of, method.Value, control, live, per)
            : null;
    }

    private PurityRequest? ReadPurity(YamlNode node)
    {
        const string what = "assay 'purity'";
        var mapping = _context.Mapping(node, what);
        if (mapping is null)
        {
            return null;
        }

        _context.CheckKeys(mapping, what, "population", "of", "minimum");
        var population = Population(mapping, "population", what, true);
        var of = mapping["of"] is null ? (population is null ? null : ParentOf(population)) : Population(mapping, "of", what, false);
        double minimum = 90;
        if (mapping["minimum"] is { } minimumNode)
        {
            var value = _context.Number(minimumNode, "'minimum' of " + what);
            if (value is null)
            {
                return null;
            }

            if (value is < 0 or > 100)
            {
                _context.Error(minimumNode.Position, "'minimum' of " + what + " must be a percentage from 0 to 100, not " + value);
                return null;
            }

            minimum = value.Value;
        }

        return population is not null && of is not null ? new PurityRequest(population, of, minimum) : null;
    }

    private MfiFoldRequest? ReadMfiFold(YamlNode node)
    {
        const string what = "assay 'mfi_fold'";
        var mapping = _context.Mapping(node, what);
        if (mapping is null)
        {
            return null;
        }

        _context.CheckKeys(mapping, what, "population", "channel", "reference", "statistic");
        var population = Population(mapping, "population", what, true);
        string? channel = null;
        if (_context.Required(mapping, "channel", what) is { } channelNode)
        {
            channel = _context.Text(channelNode, "'channel' of " + what);
            if (channel is not null && !_channels.Contains(channel))
            {
                _context.Error(channelNode.Position, "unknown channel alias '" + YamlReadContext.Shorten(channel) + "' in 'channel' of " + what);
                channel = null;
            }
        }

        var referenceNode = _context.Required(mapping, "reference", what);
        var reference = referenceNode is null ? null : TemplateParser.ReadConditionValues(_context, referenceNode, "'reference' of " + what);
        var statistic = MfiStatistic.GeometricMean;
        if (mapping["statistic"] is { } statisticNode)
        {
            var text = _context.Text(statisticNode, "'statistic' of " + what);
            switch (text)
            {
                case "geometric_mean":
                    break;
                case "median":
                    statistic = MfiStatistic.Median;
                    break;
                case "display_mean":
                    statistic = MfiStatistic.DisplayMean;
                    break;
                case null:
                    return null;
                default:
                    _context.Error(statisticNode.Position, "'statistic' of " + what + " must be geometric_mean, median or display_mean, not '" + YamlReadContext.Shorten(text) + "'");
                    return null;
            }
        }

        return population is not null && channel is not null && reference is not null
            ? new MfiFoldRequest(population, channel, reference, statistic)
            : null;
    }
}
