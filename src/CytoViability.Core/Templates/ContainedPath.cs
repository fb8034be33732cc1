namespace CytoViability.Core.Templates;

/// <summary>
/// Resolves a relative path written in a template, experiment.yaml or sample sheet so that it can never leave its
/// base folder: no absolute paths, no `..`, and no symlink (file or folder on the way) that resolves outside.
/// </summary>
public static class ContainedPath
{
    /// <summary>The full path, or null with the reason in <paramref name="refusal"/>.</summary>
    public static string? Resolve(string baseDirectory, string relative, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(relative);
        refusal = string.Empty;
        var text = relative.Trim();
        if (text.Length == 0)
        {
            refusal = "the path is empty";
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            refusal = "the path holds a NUL character";
            return null;
        }

        if (Path.IsPathRooted(text) || text.StartsWith('/') || text.StartsWith('\\') || (text.Length >= 2 && text[1] == ':'))
        {
            refusal = "absolute paths are not allowed ('" + YamlReadContext.Shorten(text) + "'); give a path inside the folder";
            return null;
        }

        var parts = text.Split('/', '\\');
        foreach (var part in parts)
        {
            if (part == "..")
            {
                refusal = "'..' is not allowed ('" + YamlReadContext.Shorten(text) + "'); the path must stay inside the folder";
                return null;
            }
        }

        var root = Path.GetFullPath(baseDirectory);
        var full = Path.GetFullPath(Path.Combine(root, Path.Combine(parts)));
        if (!IsInside(root, full))
        {
            refusal = "'" + YamlReadContext.Shorten(text) + "' is outside the folder";
            return null;
        }

        if (!StaysInside(root, full))
        {
            refusal = "'" + YamlReadContext.Shorten(text) + "' is a symbolic link (or lies in one) that points outside the folder";
            return null;
        }

        return full;
    }

    /// <summary>True when every existing step from <paramref name="root"/> to <paramref name="full"/> resolves inside the root.</summary>
    public static bool StaysInside(string root, string full)
    {
        var realRoot = RealPath(root);
        var relative = Path.GetRelativePath(root, full);
        var current = root;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists)
            {
                return true;
            }

            if (info.LinkTarget is not null)
            {
                var target = FinalTarget(info);
                if (target is null || !IsInside(realRoot, RealPath(target.FullName)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    internal static bool IsInside(string root, string full)
    {
        var relative = Path.GetRelativePath(root, full);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    /// <summary>The path with every symlinked folder on it resolved, so "inside" compares like with like.</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null && FinalTarget(info) is { } target)
            {
                current = target.FullName;
            }
        }

        return current;
    }

    /// <summary>Where a chain of links ends; null for a loop of links (ELOOP), which never resolves and is refused.</summary>
    private static FileSystemInfo? FinalTarget(FileSystemInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
