using System.Runtime.InteropServices;
using System.Text;
using CytoViability.Core.Files;

namespace CytoViability.Core.Output;

/// <summary>
/// The output folder of a run, changed as one unit (docs/DESIGN.md, "The output folder"). Opening one takes the
/// folder's lock, refuses a folder CytoViability does not own, clears what killed runs left, and starts a new
/// generation: a hidden folder beside the output folder (same parent, so the same file system) into which every
/// file of the run is written. <see cref="Commit"/> swaps the complete generation with the output folder; until then
/// the previous outputs are untouched, and a run killed at any moment leaves either all of them or all new ones.
/// On Linux the swap is one renameat2(RENAME_EXCHANGE); elsewhere two renames, journaled so that the next open
/// completes a swap that a kill interrupted between them.
/// </summary>
internal sealed class OutputGeneration : IDisposable
{
    private const string GenerationSuffix = ".cvgen";
    private const string OldSuffix = ".cvold";
    private const string LockSuffix = ".cvlock";
    private const string OwnerSuffix = ".cvowner";
    private const string SwapJournalSuffix = ".cvswap";
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly FileStream _lock;
    private bool _committed;
    private bool _released;

    private OutputGeneration(string fullPath, FileStream held)
    {
        FullPath = fullPath;
        _lock = held;
        RunId = Guid.NewGuid().ToString("N");
        StagingPath = Sibling(fullPath, "." + RunId + GenerationSuffix);
    }

    /// <summary>The output folder (its real path: links on the way resolved).</summary>
    public string FullPath { get; }

    /// <summary>The new generation being written; read back from here before <see cref="Commit"/>.</summary>
    public string StagingPath { get; }

    /// <summary>Identifies this generation: in the marker, run.json and plots/gate-plots.bin.</summary>
    public string RunId { get; }

    /// <summary>
    /// Locks and opens the output folder at <paramref name="path"/> for a new generation.
    /// <paramref name="onBusy"/>, when given, is told who holds the folder, and the call waits for it to be free;
    /// without it a held folder is an <see cref="OutputFolderException"/>.
    /// </summary>
    public static OutputGeneration Open(string path, Action<string>? onBusy = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.TrimEndingDirectorySeparator(ContainedPath.RealPath(path) ?? throw new OutputFolderException("output folder '" + path + "' lies behind a loop of symbolic links"));
        var parent = Path.GetDirectoryName(full) ?? throw new OutputFolderException("the output folder cannot be a file system root");
        if (File.Exists(full))
        {
            throw new OutputFolderException("the output path '" + path + "' is a file, not a folder");
        }

        Directory.CreateDirectory(parent);
        var owner = Sibling(full, OwnerSuffix);
        var held = TakeLock(full, owner, onBusy);
        try
        {
            File.WriteAllText(owner, Environment.ProcessId + "\n");
            CompleteInterruptedSwap(full);
            RemoveLeftovers(full);
            RefuseForeignFolder(full, path);
            var generation = new OutputGeneration(full, held);
            Directory.CreateDirectory(generation.StagingPath);
            generation.WriteText(OutputMarker.FileName, writer => writer.Write("cytoviability output folder\nrun_id " + generation.RunId + "\n"));
            return generation;
        }
        catch
        {
            Release(full, held);
            throw;
        }
    }

    /// <summary>Writes a UTF-8 text file (no byte-order mark, \n line ends) into the new generation.</summary>
    public void WriteText(string relativePath, Action<TextWriter> write) => Write(relativePath, OutputFolder.Utf8Text(write));

    /// <summary>
    /// Writes a file of the new generation; it is flushed to disk before this returns. Files may be written from
    /// several threads at once (the report writes its sample pages so: the disk commits concurrent flushes together).
    /// </summary>
    public void Write(string relativePath, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ObjectDisposedException.ThrowIf(_committed, this);
        var final = Resolve(relativePath);
        bool added;
        lock (_written)
        {
            added = _written.Add(final);
        }

        if (!added)
        {
            throw new ArgumentException("'" + relativePath + "' was already written to this output folder", nameof(relativePath));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        using var stream = new FileStream(final, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        write(stream);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Copies every file of the current output folder for which <paramref name="keep"/> (given the path relative to
    /// the folder, with '/') is true into the new generation: a report rebuild carries the run's files over.
    /// </summary>
    public void CarryOver(Func<string, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        if (!Directory.Exists(FullPath))
        {
            return;
        }

        foreach (var source in Directory.EnumerateFiles(FullPath, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(FullPath, source).Replace(Path.DirectorySeparatorChar, '/');
            var name = Path.GetFileName(source);

            // Staged files and the commit journal of versions that committed file by file are never outputs.
            if (relative != OutputMarker.FileName && !name.EndsWith(OutputFolder.TemporarySuffix, StringComparison.Ordinal) && name != OutputFolder.JournalName && keep(relative))
            {
                Write(relative, destination =>
                {
                    using var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read);
                    stream.CopyTo(destination);
                });
            }
        }
    }

    /// <summary>Puts the new generation in place of the output folder, then removes the previous one.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (!Directory.Exists(FullPath))
        {
            Directory.Move(StagingPath, FullPath);
        }
        else if (Exchange(StagingPath, FullPath))
        {
            // The staging name now holds the previous generation.
            TryDeleteFolder(StagingPath);
        }
        else
        {
            SwapByRenames(FullPath, StagingPath);
        }

        _committed = true;
        ReleaseOnce();
    }

    /// <summary>Without <see cref="Commit"/>: removes the new generation; the output folder was never touched.</summary>
    public void Dispose()
    {
        if (!_committed)
        {
            _committed = true;
            TryDeleteFolder(StagingPath);
        }

        ReleaseOnce();
    }

    private void ReleaseOnce()
    {
        if (!_released)
        {
            _released = true;
            Release(FullPath, _lock);
        }
    }

    private string Resolve(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        if (!Path.IsPathRooted(relativePath))
        {
            var full = Path.GetFullPath(Path.Combine(StagingPath, relativePath));
            if (ContainedPath.IsInside(StagingPath, full) && full != StagingPath)
            {
                return full;
            }
        }

        throw new ArgumentException("output file '" + relativePath + "' must be a file name inside the output folder", nameof(relativePath));
    }

    private static string Sibling(string full, string suffix) => Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + suffix);

    /// <summary>
    /// The lock is a file beside the output folder held open without sharing for the run's life (flock on Unix,
    /// a sharing lock on Windows): the kernel drops it when the process ends however it ends, so a killed run
    /// never leaves a stale lock. The owner file beside it names the holder's process id. On Linux the holder
    /// deletes the lock file when done, and a lock taken on a file deleted meanwhile is taken again.
    /// </summary>
    private static FileStream TakeLock(string full, string owner, Action<string>? onBusy)
    {
        var lockPath = Sibling(full, LockSuffix);
        var told = false;
        while (true)
        {
            try
            {
                var held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
                if (!IsDeleted(held))
                {
                    return held;
                }

                held.Dispose();
                continue;
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                var holder = "output folder in use by " + Holder(owner) + ": " + full;
                if (onBusy is null)
                {
                    throw new OutputFolderException(holder + " (wait for it to finish, or give --wait)");
                }

                if (!told)
                {
                    onBusy(holder + "; waiting");
                    told = true;
                }

                Thread.Sleep(200);
            }
        }
    }

    private static string Holder(string owner)
    {
        try
        {
            var text = File.ReadAllText(owner).Trim();
            return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? "process " + pid : "another process";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }

    private static bool IsDeleted(FileStream held)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return new FileInfo("/proc/self/fd/" + held.SafeFileHandle.DangerousGetHandle()).LinkTarget?.EndsWith(" (deleted)", StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Release(string full, FileStream held)
    {
        try
        {
            File.Delete(Sibling(full, OwnerSuffix));
            if (OperatingSystem.IsLinux())
            {
                File.Delete(Sibling(full, LockSuffix));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The owner file only names the holder; the lock itself is what counts, and it ends with the handle.
        }

        held.Dispose();
    }

    /// <summary>A non-empty folder must be ours: it holds the marker, or run.json of a version before the marker.</summary>
    private static void RefuseForeignFolder(string full, string given)
    {
        if (!Directory.Exists(full) || !Directory.EnumerateFileSystemEntries(full).Any() || File.Exists(Path.Combine(full, OutputMarker.FileName)))
        {
            return;
        }

        var runJson = Path.Combine(full, "run.json");
        if (File.Exists(runJson) && new FileInfo(runJson).Length < (1 << 24) && File.ReadAllText(runJson).Contains("\"tool\": \"cytoviability\"", StringComparison.Ordinal))
        {
            return;
        }

        throw new OutputFolderException("'" + given + "' is not empty and is not a CytoViability output folder (it has no " + OutputMarker.FileName + "); nothing was written. Use an empty or new folder, or the output folder of an earlier run");
    }

    /// <summary>Finishes a two-rename swap that a kill interrupted (see <see cref="SwapByRenames"/>).</summary>
    private static void CompleteInterruptedSwap(string full)
    {
        var journal = Sibling(full, SwapJournalSuffix);
        if (!File.Exists(journal))
        {
            return;
        }

        var lines = File.ReadAllLines(journal, Utf8NoBom);
        if (lines.Length == 2 && IsOurSibling(full, lines[0], GenerationSuffix) && IsOurSibling(full, lines[1], OldSuffix))
        {
            var staging = Path.Combine(Path.GetDirectoryName(full)!, lines[0]);
            var old = Path.Combine(Path.GetDirectoryName(full)!, lines[1]);
            if (Directory.Exists(staging))
            {
                if (Directory.Exists(full))
                {
                    Directory.Move(full, old);
                }

                Directory.Move(staging, full);
            }
        }

        File.Delete(journal);
    }

    /// <summary>True for ".NAME.&lt;32 hex digits&gt;SUFFIX": a name only an OutputGeneration of this folder gives.</summary>
    private static bool IsOurSibling(string full, string name, string suffix)
    {
        var prefix = "." + Path.GetFileName(full) + ".";
        return name.Length == prefix.Length + 32 + suffix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal)
            && !name.AsSpan(prefix.Length, 32).ContainsAnyExcept("0123456789abcdef");
    }

    /// <summary>Generations of killed runs and previous generations a kill kept from being deleted.</summary>
    private static void RemoveLeftovers(string full)
    {
        foreach (var sibling in Directory.EnumerateDirectories(Path.GetDirectoryName(full)!))
        {
            var name = Path.GetFileName(sibling);
            if (IsOurSibling(full, name, GenerationSuffix) || IsOurSibling(full, name, OldSuffix))
            {
                TryDeleteFolder(sibling);
            }
        }
    }

    /// <summary>
    /// Where renameat2(RENAME_EXCHANGE) is missing (macOS, Windows, old kernels, some network file systems): a journal
    /// names both folders, the output folder is renamed away and the generation renamed in. A kill between the two
    /// renames leaves no output folder for an instant; the next open reads the journal and finishes the swap.
    /// </summary>
    private static void SwapByRenames(string full, string staging)
    {
        var old = Sibling(full, "." + Guid.NewGuid().ToString("N") + OldSuffix);
        var journal = Sibling(full, SwapJournalSuffix);
        var pending = journal + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(pending, Path.GetFileName(staging) + "\n" + Path.GetFileName(old) + "\n", Utf8NoBom);
        File.Move(pending, journal, overwrite: true);
        try
        {
            Directory.Move(full, old);
        }
        catch
        {
            // Nothing moved (on Windows, a file of the folder open in another program): the previous outputs stay.
            File.Delete(journal);
            throw;
        }

        Directory.Move(staging, full);
        File.Delete(journal);
        TryDeleteFolder(old);
    }

    private static bool Exchange(string staging, string full)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            const int CurrentDirectory = -100;
            const uint RenameExchange = 2;
            return RenameAt2(CurrentDirectory, staging, CurrentDirectory, full, RenameExchange) == 0;
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    private static void TryDeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A generation that cannot be removed now is hidden, marked, and removed by the next run.
        }
    }
}

/// <summary>The output folder cannot be used: held by another run, not ours, or not a folder.</summary>
internal sealed class OutputFolderException(string message) : CytoViabilityException(message);
