namespace CytoViability.Core.Templates;

/// <summary>
/// The lab's gating templates (<c>gating-templates/*.yaml</c>), embedded in this assembly so a bare name such as
/// <c>adcc-killing</c> resolves wherever the tool is installed. A file of that name in the experiment folder wins;
/// that choice is made by the callers, which look at the folder first.
/// </summary>
internal static class ShippedTemplates
{
    private const string ResourcePrefix = "CytoViability.GatingTemplates.";
    private const string Extension = ".yaml";

    /// <summary>The prefix of a shipped template's source name (in problems, run.json and the log).</summary>
    public const string SourcePrefix = "shipped:";

    /// <summary>Names of the shipped templates (file names without <c>.yaml</c>), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = ReadNames();

    /// <summary>The template's name for a bare name with or without <c>.yaml</c>, or null when none is shipped.</summary>
    public static string? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (trimmed.StartsWith(SourcePrefix, StringComparison.Ordinal))
        {
            trimmed = trimmed[SourcePrefix.Length..];
        }

        if (trimmed.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^Extension.Length];
        }

        foreach (var shipped in Names)
        {
            if (string.Equals(shipped, trimmed, StringComparison.Ordinal))
            {
                return shipped;
            }
        }

        return null;
    }

    /// <summary>The template's bytes exactly as in <c>gating-templates/NAME.yaml</c>.</summary>
    public static byte[] ReadBytes(string name)
    {
        using var stream = typeof(ShippedTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + name + Extension)
            ?? throw new ArgumentException("no shipped template named '" + name + "'", nameof(name));
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// Loads a shipped template. Its source name is <c>shipped:NAME</c>; <paramref name="baseDirectory"/> (the
    /// experiment folder) is where a compensation matrix file it names would be looked for.
    /// </summary>
    public static TemplateLoadResult Load(string name, string baseDirectory)
        => TemplateLoader.Load(ReadBytes(name), SourcePrefix + name, baseDirectory);

    private static string[] ReadNames()
    {
        var names = new List<string>();
        foreach (var resource in typeof(ShippedTemplates).Assembly.GetManifestResourceNames())
        {
            if (resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) && resource.EndsWith(Extension, StringComparison.Ordinal))
            {
                names.Add(resource[ResourcePrefix.Length..^Extension.Length]);
            }
        }

        names.Sort(StringComparer.Ordinal);
        return [.. names];
    }
}
