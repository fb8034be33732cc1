using System.Text.RegularExpressions;

namespace CytoViability.Core.Experiments;

/// <summary>
/// Metadata read from a file: <see cref="From"/> is an FCS keyword (any case) or <see cref="FileSource"/> for the
/// path inside the experiment folder; each named group of <see cref="Pattern"/> that matched sets that column,
/// renamed through <see cref="Values"/> when the captured text is listed there.
/// </summary>
internal sealed record MetadataRule(
    string From,
    Regex Pattern,
    IReadOnlyList<string> Columns,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values,
    bool Required,
    int Line)
{
    public const string FileSource = "file";
}
