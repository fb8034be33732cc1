namespace CytoViability.Core.Examples;

/// <summary>What `cytoviability example` wrote into one experiment folder.</summary>
internal sealed record ExampleFolderSummary(string Folder, string Template, int Files, long Events, long Bytes);
