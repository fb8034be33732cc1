namespace CytoViability.Core.Files;

/// <summary>
/// Resolves a relative path written in a template, experiment.yaml or sample sheet so that it can never leave its
/// base folder: no absolute paths, no `..`, and no symlink (file or folder on the way) that resolves outside.
/// </summary>
internal static class ContainedPath
{
    /// <summary>The full path, or null with the reason in <paramref name="refusal"/>.</summary>
    public static string? Resolve(string baseDirectory, string relative, out string refusal)
        => Resolve(ContainedRoot.Of(baseDirectory), relative, out refusal);

    /// <summary>
    /// The full path inside <paramref name="folder"/>, or null with the reason in <paramref name="refusal"/>: for the
    /// rows of a sample sheet, which share one folder whose real path is then resolved once.
    /// </summary>
    public static string? Resolve(ContainedRoot folder, string relative, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(folder);
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
            refusal = "absolute paths are not allowed ('" + Shorten(text) + "'); give a path inside the folder";
            return null;
        }

        var parts = text.Split('/', '\\');
        foreach (var part in parts)
        {
            if (part == "..")
            {
                refusal = "'..' is not allowed ('" + Shorten(text) + "'); the path must stay inside the folder";
                return null;
            }
        }

        var root = folder.Full;
        var full = Path.GetFullPath(Path.Combine(root, Path.Combine(parts)));
        if (!IsInside(root, full))
        {
            refusal = "'" + Shorten(text) + "' is outside the folder";
            return null;
        }

        if (!folder.Holds(full))
        {
            refusal = "'" + Shorten(text) + "' is a symbolic link (or lies in one) that points outside the folder";
            return null;
        }

        return full;
    }

    /// <summary>
    /// True when <paramref name="full"/>, with every symbolic link on its way resolved as the kernel would, lies inside
    /// the real path of <paramref name="root"/>. A loop of links never resolves and is false.
    /// </summary>
    public static bool StaysInside(string root, string full)
        => RealPath(root) is { } realRoot && RealPath(full) is { } realFull && IsInside(realRoot, realFull);

    internal static bool IsInside(string root, string full)
    {
        var relative = Path.GetRelativePath(root, full);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    /// <summary>
    /// The path as the kernel resolves it: each component in turn, a link's target spliced in before the rest and
    /// read from where the link lies, so `s/../x` through a linked folder `s` goes up from the link's target, not
    /// from `s`'s folder (a lexical clean-up gets that wrong). Components that do not exist are kept as written;
    /// null for a loop of links (ELOOP).
    /// </summary>
    public static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        return RealPath(root, full[root.Length..]);
    }

    /// <summary>
    /// <see cref="RealPath(string)"/> of <paramref name="relative"/> taken from <paramref name="start"/>, a real path
    /// (no link on its way): the kernel resolves a path's components in order, so a folder's real path joined with the
    /// rest resolves as the whole path would.
    /// </summary>
    internal static string? RealPath(string start, string relative)
    {
        const int MaximumLinks = 40;
        var root = Path.GetPathRoot(start) ?? string.Empty;
        var pending = new List<string>(relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        pending.Reverse();
        var current = start;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Combine(current, part);
            var target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaximumLinks)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
                target = target[current.Length..];
            }

            var parts = target.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
            for (var i = parts.Length - 1; i >= 0; i--)
            {
                pending.Add(parts[i]);
            }
        }

        return current;
    }

    /// <summary>The text of a link (not followed further), or null for anything that is not a link or does not exist.</summary>
    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A path as quoted in a refusal: cut to 60 characters, as template messages quote what the scientist wrote.</summary>
    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}

/// <summary>
/// A folder that relative paths must stay inside: its full path, and its real path (every link on the way resolved;
/// null behind a loop of links), resolved once when made. Each path checked then resolves only its own components.
/// </summary>
internal sealed class ContainedRoot
{
    private ContainedRoot(string full, string? real)
    {
        Full = full;
        Real = real;
    }

    public string Full { get; }

    public string? Real { get; }

    public static ContainedRoot Of(string folder)
    {
        var full = Path.GetFullPath(folder);
        return new ContainedRoot(full, ContainedPath.RealPath(full));
    }

    /// <summary>True when <paramref name="full"/> (inside <see cref="Full"/> as text), resolved as the kernel would, lies inside <see cref="Real"/>.</summary>
    public bool Holds(string full)
        => Real is { } real && ContainedPath.RealPath(real, Path.GetRelativePath(Full, full)) is { } realFull && ContainedPath.IsInside(real, realFull);
}
