using System.Text;

namespace CytoViability.Core.Output;

/// <summary>
/// Writes a run's files so that no reader ever sees a half-written file under a final name. Each file is
/// written to a hidden temporary name beside its final name (same folder, so the rename cannot cross file
/// systems), flushed to disk, and only <see cref="Commit"/> renames the staged files into place — after every
/// one of them was written completely. A run that fails or is killed before Commit leaves the existing outputs
/// untouched; its leftover temporaries are removed by <see cref="Dispose"/> or by the next OutputFolder opened on
/// the same folder. Commit renames in staging order, so staging run.json last makes it the completion mark.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    /// <summary>Suffix of staged files; anything ending in it inside an output folder is a leftover.</summary>
    public const string TemporarySuffix = ".cvtmp";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<(string Temporary, string Final)> _staged = [];
    private readonly HashSet<string> _finalPaths = new(StringComparer.Ordinal);
    private bool _committed;

    public OutputFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(FullPath);
        RemoveLeftovers(FullPath);
    }

    public string FullPath { get; }

    /// <summary>Files staged so far, as paths relative to the folder.</summary>
    public IReadOnlyList<string> StagedFiles => _staged.ConvertAll(entry => Path.GetRelativePath(FullPath, entry.Final));

    /// <summary>Stages a UTF-8 text file (no byte-order mark) at <paramref name="relativePath"/>.</summary>
    public void WriteText(string relativePath, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(relativePath, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true);
            writer.NewLine = "\n";
            write(writer);
        });
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
        ObjectDisposedException.ThrowIf(_committed, this);
        _committed = true;
        foreach (var (temporary, final) in _staged)
        {
            File.Move(temporary, final, overwrite: true);
        }

        _staged.Clear();
    }

    /// <summary>Deletes staged files that were never committed.</summary>
    public void Dispose()
    {
        foreach (var (temporary, _) in _staged)
        {
            TryDelete(temporary);
        }

        _staged.Clear();
        _committed = true;
    }

    private string Resolve(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        if (Path.IsPathRooted(relativePath))
        {
            throw new ArgumentException("output file '" + relativePath + "' must be relative to the output folder", nameof(relativePath));
        }

        var final = Path.GetFullPath(Path.Combine(FullPath, relativePath));
        var root = FullPath.EndsWith(Path.DirectorySeparatorChar) ? FullPath : FullPath + Path.DirectorySeparatorChar;
        if (!final.StartsWith(root, StringComparison.Ordinal) || final.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException("output file '" + relativePath + "' must stay inside the output folder", nameof(relativePath));
        }

        return final;
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
