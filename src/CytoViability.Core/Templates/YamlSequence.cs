namespace CytoViability.Core.Templates;

internal sealed class YamlSequence : YamlNode
{
    public YamlSequence(TextPosition position)
        : base(position)
    {
    }

    public List<YamlNode> Items { get; } = [];

    public override string Kind => "a list";
}
