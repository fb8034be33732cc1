using CytoViability.Core.Files;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Experiments;

/// <summary>
/// Finds FCS files recursively: any case of `.fcs` and `.lmd`. Symlinked folders are not entered (no loops, no
/// escape); a symlinked file is taken only when its target lies inside the folder. Excluded folders (the output
/// folder) and any folder marked as a CytoViability output (or a generation of one being written) are never
/// entered, so a run's outputs are never read back as input.
/// </summary>
internal static class FileDiscovery
{
    public const string DefaultOutputName = "cytoviability-out";

    public static DiscoveredFiles Discover(string folder, IReadOnlyCollection<string> excludedFolders)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(excludedFolders);
        var root = Path.GetFullPath(folder);
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in excludedFolders)
        {
            excluded.Add(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        }

        var files = new List<string>();
        var refused = new List<PlanFailure>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().ToArray();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                refused.Add(new PlanFailure(Relative(root, directory), Qc.QcChecks.UnreadableFile, "folder cannot be listed: " + exception.Message));
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo subfolder)
                {
                    if (subfolder.LinkTarget is null && !excluded.Contains(subfolder.FullName) && !subfolder.Name.StartsWith(DefaultOutputName, StringComparison.OrdinalIgnoreCase)
                        && !File.Exists(Path.Combine(subfolder.FullName, OutputMarker.FileName)))
                    {
                        pending.Push(subfolder.FullName);
                    }

                    continue;
                }

                if (!IsFcsName(entry.Name))
                {
                    continue;
                }

                var relative = Relative(root, entry.FullName);
                if (entry.LinkTarget is not null && !ContainedPath.StaysInside(root, entry.FullName))
                {
                    refused.Add(new PlanFailure(relative, QcChecks.Containment, "symbolic link pointing outside the experiment folder; not read"));
                    continue;
                }

                files.Add(relative);
            }
        }

        files.Sort(StringComparer.Ordinal);
        refused.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        return new DiscoveredFiles(files, refused);
    }

    public static bool IsFcsName(string name)
        => name.EndsWith(".fcs", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".lmd", StringComparison.OrdinalIgnoreCase);

    internal static string Relative(string root, string full) => Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
}
