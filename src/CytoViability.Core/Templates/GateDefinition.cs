namespace CytoViability.Core.Templates;

/// <summary>One gate as the template writes it; <see cref="ParentId"/> null means all events.</summary>
internal abstract record GateDefinition(string Id, string? ParentId, string? DisplayName, GateUnits Units, TextPosition Position)
{
    /// <summary>The channel aliases (or ratio names) the gate reads.</summary>
    public abstract IReadOnlyList<string> Channels { get; }
}
