using CytoViability.Core.Experiments;
using CytoViability.Core.Fcs;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// For `validate TEMPLATE --data PATH`: resolves the template's channel aliases in real files, so an alias that no
/// file can resolve (or that only reaches a detector labelled with another marker) is reported at the alias's line
/// and column before a run finds it file by file, and says for every file how each channel resolved.
/// </summary>
internal static class ChannelCheck
{
    /// <summary>
    /// Problems for every alias unresolved in some file (one problem per alias and kind, naming the files), unreadable
    /// files, and per file one line: "file: alias → $PnN (by marker), ...".
    /// </summary>
    public static ChannelCheckResult Check(GatingTemplate template, string path)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<ConfigurationProblem>();
        var lines = new List<string>();
        var files = new List<string>();
        if (Directory.Exists(path))
        {
            foreach (var relative in FileDiscovery.Discover(path, []).Files)
            {
                files.Add(Path.Combine(path, relative));
            }
        }
        else
        {
            files.Add(path);
        }

        if (files.Count == 0)
        {
            problems.Add(ConfigurationProblem.Of(path, "no FCS files found"));
            return new ChannelCheckResult(problems, lines, 0);
        }

        var used = ChannelResolver.UsedAliases(template);
        var missing = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var mislabelled = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var filesByDetector = 0;
        foreach (var file in files)
        {
            FcsFile fcs;
            try
            {
                fcs = FcsReader.ReadFile(file, new FcsReadOptions { KeywordsOnly = true, FirstDataSetOnly = true });
            }
            catch (Exception exception) when (exception is FcsFormatException or IOException or UnauthorizedAccessException)
            {
                problems.Add(ConfigurationProblem.Of(file, "cannot be read: " + exception.Message));
                continue;
            }

            if (fcs.DataSets.Count == 0)
            {
                continue;
            }

            var name = Path.GetFileName(file);
            var resolution = ChannelResolver.Resolve(template, used, fcs.DataSets[0]);
            var parts = new List<string>();
            foreach (var resolved in resolution.Resolved)
            {
                parts.Add(resolved.Describe());
            }

            foreach (var (alias, problem) in resolution.Unresolved)
            {
                parts.Add(alias + " unresolved (" + problem + ")");
                var byKind = problem.StartsWith("tried ", StringComparison.Ordinal) ? missing : mislabelled;
                if (!byKind.TryGetValue(alias, out var list))
                {
                    byKind[alias] = list = [];
                }

                list.Add(byKind == missing ? name : name + " (" + problem + ")");
            }

            filesByDetector += resolution.ByDetectorFallback.Count > 0 ? 1 : 0;
            lines.Add(name + ": " + string.Join(", ", parts));
        }

        foreach (var alias in template.Channels)
        {
            if (missing.TryGetValue(alias.Alias, out var list))
            {
                problems.Add(new ConfigurationProblem(template.SourcePath, alias.Position, "channel '" + alias.Alias + "' (" + alias.Describe() + ") resolves in no parameter of " + list.Count + " of " + files.Count + " files: " + Shown(list)));
            }

            if (mislabelled.TryGetValue(alias.Alias, out var wrong))
            {
                problems.Add(new ConfigurationProblem(template.SourcePath, alias.Position, "channel '" + alias.Alias + "' (" + alias.Describe() + ") reaches only a detector labelled with another marker in " + wrong.Count + " of " + files.Count + " files: " + Shown(wrong)));
            }
        }

        return new ChannelCheckResult(problems, lines, filesByDetector);
    }

    private static string Shown(List<string> list) =>
        list.Count <= 3 ? string.Join(", ", list) : string.Join(", ", list.GetRange(0, 3)) + " and " + (list.Count - 3) + " more";
}

/// <summary>
/// What <see cref="ChannelCheck"/> found: problems (each at an alias's line, or naming an unreadable file), one line per
/// file saying how every channel resolved, and how many files had a channel taken by detector for want of a label.
/// </summary>
internal sealed record ChannelCheckResult(IReadOnlyList<ConfigurationProblem> Problems, IReadOnlyList<string> Files, int FilesMatchedByDetector);
