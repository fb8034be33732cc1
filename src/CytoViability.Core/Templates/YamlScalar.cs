namespace CytoViability.Core.Templates;

/// <summary>A single value; <see cref="IsQuoted"/> tells a quoted "null" or "123" from the plain word or number.</summary>
internal sealed class YamlScalar : YamlNode
{
    public YamlScalar(TextPosition position, string value, bool isQuoted)
        : base(position)
    {
        Value = value;
        IsQuoted = isQuoted;
    }

    public string Value { get; }

    public bool IsQuoted { get; }

    /// <summary>A plain empty value, `~` or `null`: YAML's "nothing here".</summary>
    public bool IsNull => !IsQuoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => "a single value";
}
