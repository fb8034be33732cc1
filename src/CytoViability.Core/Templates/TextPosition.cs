namespace CytoViability.Core.Templates;

/// <summary>A 1-based line and column in a YAML or CSV file, as an editor shows it.</summary>
internal readonly record struct TextPosition(int Line, int Column)
{
    public override string ToString() => Line + ":" + Column;
}
