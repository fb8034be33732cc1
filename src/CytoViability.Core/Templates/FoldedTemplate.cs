namespace CytoViability.Core.Templates;

/// <summary>
/// A template as it was loaded: its exact bytes, the name it is known by (path as given, or <c>shipped:NAME</c>) and
/// the folder a compensation matrix it names is resolved against. Loading it again gives the same template and sha256.
/// </summary>
internal sealed record FoldedTemplate(byte[] Bytes, string SourceName, string BaseDirectory)
{
    public TemplateLoadResult Load() => TemplateLoader.Load(Bytes, SourceName, BaseDirectory);
}
