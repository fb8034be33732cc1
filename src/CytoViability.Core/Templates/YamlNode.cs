namespace CytoViability.Core.Templates;

/// <summary>
/// A node of a hand-written YAML file with the place it starts, so that every later check can name line and column.
/// Built from the parser's events, never from a deserialiser, so nothing in the file can construct objects.
/// </summary>
internal abstract class YamlNode
{
    protected YamlNode(TextPosition position)
    {
        Position = position;
    }

    public TextPosition Position { get; }

    /// <summary>What the node is, in the words an error message uses ("a list", "a map", "a value").</summary>
    public abstract string Kind { get; }
}
