namespace CytoViability.Core.Templates;

/// <summary>A map in file order; duplicate keys are reported by the reader and only the first is kept.</summary>
internal sealed class YamlMapping : YamlNode
{
    public YamlMapping(TextPosition position)
        : base(position)
    {
    }

    public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = [];

    public override string Kind => "a map";

    public YamlNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }
}
