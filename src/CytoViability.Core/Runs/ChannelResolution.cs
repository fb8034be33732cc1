namespace CytoViability.Core.Runs;

/// <summary>
/// Where each channel alias of a template sits in one file (0-based parameter index), and the aliases that no
/// parameter matched, with what was tried.
/// </summary>
internal sealed record ChannelResolution(IReadOnlyDictionary<string, int> Indexes, IReadOnlyList<(string Alias, string Tried)> Unresolved);
