using CytoViability.Core.Experiments;
using CytoViability.Core.Fcs;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// For `validate TEMPLATE --data PATH`: resolves the template's channel aliases in real files, so an alias that no
/// file can resolve is reported at the alias's line and column before a run finds it file by file.
/// </summary>
public static class ChannelCheck
{
    /// <summary>Problems for every alias unresolved in some file (one problem per alias, naming the files), and unreadable files.</summary>
    public static IReadOnlyList<TemplateProblem> Check(GatingTemplate template, string path)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<TemplateProblem>();
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
            problems.Add(new TemplateProblem(path, new TextPosition(1, 1), "no FCS files found"));
            return problems;
        }

        var used = ChannelResolver.UsedAliases(template);
        var missing = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            FcsFile fcs;
            try
            {
                fcs = FcsReader.ReadFile(file);
            }
            catch (Exception exception) when (exception is FcsFormatException or IOException or UnauthorizedAccessException)
            {
                problems.Add(new TemplateProblem(file, new TextPosition(1, 1), "cannot be read: " + exception.Message));
                continue;
            }

            if (fcs.DataSets.Count == 0)
            {
                continue;
            }

            foreach (var (alias, _) in ChannelResolver.Resolve(template, used, fcs.DataSets[0]).Unresolved)
            {
                if (!missing.TryGetValue(alias, out var list))
                {
                    missing[alias] = list = [];
                }

                list.Add(Path.GetFileName(file));
            }
        }

        foreach (var alias in template.Channels)
        {
            if (missing.TryGetValue(alias.Alias, out var list))
            {
                var shown = list.Count <= 3 ? string.Join(", ", list) : string.Join(", ", list.GetRange(0, 3)) + " and " + (list.Count - 3) + " more";
                problems.Add(new TemplateProblem(template.SourcePath, alias.Position, "channel '" + alias.Alias + "' (" + alias.Describe() + ") resolves in no parameter of " + list.Count + " of " + files.Count + " files: " + shown));
            }
        }

        return problems;
    }
}
