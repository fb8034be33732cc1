using System.Text;

namespace CytoViability.Core.Output;

/// <summary>
/// Writes a run's files so that no reader ever sees a half-written file under a final name. Each file is
/// written to a hidden temporary name beside its final name (same folder, so the rename cannot cross file
/// systems), flushed to disk, and only <see cref="Commit"/> renames the staged files into place — after every
/// one of them was written completely. A run that fails or is killed before Commit leaves the existing outputs
/// untouched; its leftover temporaries are removed by <see cref="Dispose"/> or by the next OutputFolder opened on
/// the same folder. Commit first writes a journal of the renames it is about to do (itself renamed into place
/// atomically), then renames: a run killed between two renames is rolled forward by the next OutputFolder opened
/// on the folder, so the outputs end up all-new rather than a mix. Commit renames in staging order, so staging
/// run.json last makes it the completion mark.
/// </summary>
internal sealed class OutputFolder : IDisposable
{
    /// <summary>Suffix of staged files; anything ending in it inside an output folder is a leftover.</summary>
    public const string TemporarySuffix = ".cvtmp";

    /// <summary>The journal of a commit in progress; present only between the decision to commit and its end.</summary>
    public const string JournalName = ".commit.cvjournal";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<(string Temporary, string Final)> _staged = [];
    private readonly HashSet<string> _finalPaths = new(StringComparer.Ordinal);
    private bool _committed;

    public OutputFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(FullPath);
        RollForward();
        RemoveLeftovers(FullPath);
    }

    public string FullPath { get; }

    /// <summary>Files staged so far, as paths relative to the folder.</summary>
    public IReadOnlyList<string> StagedFiles => _staged.ConvertAll(entry => Path.GetRelativePath(FullPath, entry.Final));

    /// <summary>Stages a UTF-8 text file (no byte-order mark) at <paramref name="relativePath"/>.</summary>
    public void WriteText(string relativePath, Action<TextWriter> write) => Write(relativePath, Utf8Text(write));

    /// <summary>Text written as every output file's text is: UTF-8 without a byte-order mark, \n line ends.</summary>
    internal static Action<Stream> Utf8Text(Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return stream =>
        {
            // 16K characters: the writer's two buffers stay below the large object heap, which thousands of small
            // report pages would otherwise churn through (a 5,000-sample report's gen-2 collections).
            using var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 1 << 14, leaveOpen: true);
            writer.NewLine = "\n";
            write(writer);
        };
    }

    /// <summary>Stages a file whose bytes <paramref name="write"/> puts into the stream.</summary>
    public void Write(string relativePath, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ObjectDisposedException.ThrowIf(_committed, this);
        var final = Resolve(relativePath);
        if (!_finalPaths.Add(final))
        {
            throw new ArgumentException("'" + relativePath + "' was already written to this output folder", nameof(relativePath));
        }

        var directory = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(final) + "." + Guid.NewGuid().ToString("N") + TemporarySuffix);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            _staged.Add((temporary, final));
        }
        catch
        {
            _finalPaths.Remove(final);
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Renames every staged file into place, replacing files of an earlier run.</summary>
    public void Commit()
    {
        WriteJournal();
        RollForward();
        _staged.Clear();
    }

    /// <summary>
    /// First half of <see cref="Commit"/>: records the renames to do. After it, the commit is decided and
    /// <see cref="RollForward"/> (here or in the next run) completes it.
    /// </summary>
    internal void WriteJournal()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        _committed = true;
        var journal = new StringBuilder();
        foreach (var (temporary, final) in _staged)
        {
            journal.Append(Path.GetRelativePath(FullPath, temporary)).Append('\t').Append(Path.GetRelativePath(FullPath, final)).Append('\n');
        }

        var pending = Path.Combine(FullPath, "." + Guid.NewGuid().ToString("N") + TemporarySuffix);
        using (var stream = new FileStream(pending, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(Utf8NoBom.GetBytes(journal.ToString()));
            stream.Flush(flushToDisk: true);
        }

        File.Move(pending, Path.Combine(FullPath, JournalName), overwrite: true);
    }

    /// <summary>Completes the renames of a journal left in the folder, then removes the journal.</summary>
    private void RollForward()
    {
        var journalPath = Path.Combine(FullPath, JournalName);
        if (!File.Exists(journalPath))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(journalPath, Utf8NoBom))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            // Both names are checked as any output name is, so an edited journal cannot move files elsewhere.
            var temporary = ResolveInside(line[..tab]);
            var final = ResolveInside(line[(tab + 1)..]);
            if (temporary is not null && final is not null && temporary.EndsWith(TemporarySuffix, StringComparison.Ordinal) && File.Exists(temporary))
            {
                File.Move(temporary, final, overwrite: true);
            }
        }

        File.Delete(journalPath);
    }

    /// <summary>Deletes staged files that were never committed (a journaled commit keeps them for its roll-forward).</summary>
    public void Dispose()
    {
        if (!_committed)
        {
            foreach (var (temporary, _) in _staged)
            {
                TryDelete(temporary);
            }
        }

        _staged.Clear();
        _committed = true;
    }

    private string Resolve(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var final = Path.IsPathRooted(relativePath) ? null : ResolveInside(relativePath);
        if (final is null || final.EndsWith(TemporarySuffix, StringComparison.Ordinal) || final.EndsWith(JournalName, StringComparison.Ordinal))
        {
            throw new ArgumentException("output file '" + relativePath + "' must be a file name inside the output folder", nameof(relativePath));
        }

        return final;
    }

    /// <summary>The full path of a relative path if it stays inside the folder, else null.</summary>
    private string? ResolveInside(string relativePath)
    {
        if (relativePath.Length == 0 || Path.IsPathRooted(relativePath))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(FullPath, relativePath));
        var root = FullPath.EndsWith(Path.DirectorySeparatorChar) ? FullPath : FullPath + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    private static void RemoveLeftovers(string folder)
    {
        foreach (var leftover in Directory.EnumerateFiles(folder, "*" + TemporarySuffix, SearchOption.AllDirectories))
        {
            if (Path.GetFileName(leftover).StartsWith('.'))
            {
                TryDelete(leftover);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover that cannot be removed now is removed by the next run; it never has a final name.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above: harmless, hidden, and retried next time.
        }
    }
}
