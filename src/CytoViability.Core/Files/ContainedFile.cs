namespace CytoViability.Core.Files;

/// <summary>
/// Opens a file for reading and decides containment on the file actually opened, not on its path text: a check at
/// planning time cannot see a file swapped for a link before it is opened. On Linux the real path of the open
/// handle is read from /proc/self/fd; elsewhere (macOS, Windows, a Linux without /proc) the path is resolved again
/// right after opening, which leaves a window of microseconds instead of the whole run (docs/DESIGN.md).
/// </summary>
internal static class ContainedFile
{
    /// <summary>An open read-only stream on <paramref name="path"/>, or <see cref="ContainmentException"/> when what opened lies outside <paramref name="root"/>.</summary>
    public static FileStream OpenRead(string root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            var opened = OpenedPath(stream, path);
            if (opened is null || ContainedPath.RealPath(root) is not { } realRoot || !ContainedPath.IsInside(realRoot, opened))
            {
                throw new ContainmentException("the file opened lies outside the experiment folder (a symbolic link, or a file swapped for one); not read");
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The whole file, read only when what opened lies inside <paramref name="root"/> and holds at most <paramref name="maximumBytes"/>.</summary>
    public static byte[] ReadAll(string root, string path, long maximumBytes, string limitName)
    {
        using var stream = OpenRead(root, path);
        if (stream.Length > maximumBytes)
        {
            throw new InputTooLargeException("the file is " + stream.Length + " bytes, over the limit of " + maximumBytes + " bytes (" + limitName + ")");
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)stream.Length);
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static string? OpenedPath(FileStream stream, string path)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (new FileInfo("/proc/self/fd/" + stream.SafeFileHandle.DangerousGetHandle()).LinkTarget is { } target && target.StartsWith('/'))
                {
                    return target;
                }
            }
            catch (IOException)
            {
                // No /proc (a chroot, a container without it): fall back to resolving the path.
            }
        }

        return ContainedPath.RealPath(path);
    }
}

/// <summary>A file that resolved outside the folder it must stay in; its content was not read.</summary>
internal sealed class ContainmentException(string message) : CytoViabilityException(message);

/// <summary>An input larger than the limit the caller reads into memory.</summary>
internal sealed class InputTooLargeException(string message) : CytoViabilityException(message);
