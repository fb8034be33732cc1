using System.Security.Cryptography;
using System.Text;
using CytoViability.Core.Csv;
using CytoViability.Core.Files;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Experiments;

/// <summary>
/// Reads a sample sheet CSV. Structural problems (no `file` column, a duplicate column, file or sample named twice,
/// broken quoting) are configuration errors; a row naming a path outside the folder is refused on its own.
/// Row positions assume one line per row (the sheet's line numbers when no cell spans lines).
/// </summary>
internal static class SampleSheetReader
{
    private const long MaximumBytes = 16 << 20;

    /// <summary>Reads a sample sheet; with <paramref name="containedIn"/> (a sheet named by experiment.yaml) the file actually opened must lie inside that folder.</summary>
    public static SampleSheet? Read(string path, string folder, List<ConfigurationProblem> problems, string? containedIn = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        byte[] bytes;
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problems.Add(ConfigurationProblem.Of(path, "sample sheet not found"));
                return null;
            }

            if (info.Length > MaximumBytes)
            {
                problems.Add(ConfigurationProblem.Of(path, "sample sheet is larger than 16 MB"));
                return null;
            }

            bytes = containedIn is null ? File.ReadAllBytes(path) : ContainedFile.ReadAll(containedIn, path, MaximumBytes, "sample sheets");
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DecoderFallbackException or ContainmentException or InputTooLargeException)
        {
            problems.Add(ConfigurationProblem.Of(path, "sample sheet cannot be read: " + exception.Message));
            return null;
        }

        // Hashed from the bytes parsed, not by opening the path again: run.json's sha256 is that of what was read,
        // from the file the containment check opened.
        return Parse(text, path, Path.GetFullPath(folder), problems) is { } sheet ? sheet with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) } : null;
    }

    internal static SampleSheet? Parse(string text, string path, string folder, List<ConfigurationProblem> problems)
    {
        var start = problems.Count;
        CsvTable table;
        try
        {
            table = CsvReader.Read(text);
        }
        catch (FormatException exception)
        {
            problems.Add(ConfigurationProblem.Of(path, "sample sheet: " + exception.Message));
            return null;
        }

        // Resolved when the first row is checked: a folder's real path once, not once a row.
        ContainedRoot? contained = null;
        var header = new List<string>();
        var columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Header.Count; i++)
        {
            var name = table.Header[i].Trim().ToLowerInvariant();
            header.Add(name);
            if (!ExperimentSettingsReader.IsColumnName(name))
            {
                problems.Add(new(path, new TextPosition(1, i + 1), "column '" + YamlReadContext.Shorten(table.Header[i]) + "' is not a usable name (letters, digits and _, starting with a letter)"));
            }
            else if (!columnIndex.TryAdd(name, i))
            {
                problems.Add(new(path, new TextPosition(1, i + 1), "column '" + name + "' appears twice"));
            }
        }

        if (!columnIndex.ContainsKey(SampleSheet.FileColumn))
        {
            // The header row is where the column must be added.
            problems.Add(new(path, new TextPosition(1, 1), "the sample sheet needs a 'file' column"));
        }

        if (problems.Count > start)
        {
            return null;
        }

        var extra = new List<string>();
        foreach (var name in header)
        {
            if (!SampleSheet.ReservedColumns.Contains(name))
            {
                extra.Add(name);
            }
        }

        var rows = new List<SampleSheetRow>();
        var refused = new List<RefusedSheetRow>();
        var files = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var line = r + 2;
            if (IsBlank(row))
            {
                continue;
            }

            if (row.Count != header.Count)
            {
                problems.Add(new(path, new TextPosition(line, 1), "row has " + row.Count + " cells for " + header.Count + " columns"));
                continue;
            }

            string Cell(string column) => columnIndex.TryGetValue(column, out var index) ? row[index].Trim() : string.Empty;
            var file = Cell(SampleSheet.FileColumn).Replace('\\', '/');
            if (file.Length == 0)
            {
                problems.Add(new(path, new TextPosition(line, columnIndex[SampleSheet.FileColumn] + 1), "empty 'file'"));
                continue;
            }

            if (ContainedPath.Resolve(contained ??= ContainedRoot.Of(folder), file, out var refusal) is null)
            {
                refused.Add(new RefusedSheetRow(file, refusal, line));
                continue;
            }

            var normalised = Normalise(file);
            if (files.TryGetValue(normalised, out var firstLine))
            {
                problems.Add(new(path, new TextPosition(line, 1), "file '" + file + "' is already listed on line " + firstLine));
                continue;
            }

            files[normalised] = line;
            var sample = Cell(SampleSheet.SampleColumn);
            if (sample.Length > 0 && samples.TryGetValue(sample, out var sampleLine))
            {
                problems.Add(new(path, new TextPosition(line, columnIndex[SampleSheet.SampleColumn] + 1), "sample '" + sample + "' is already used on line " + sampleLine));
                continue;
            }

            if (sample.Length > 0)
            {
                samples[sample] = line;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in extra)
            {
                values[column] = Cell(column);
            }

            rows.Add(new SampleSheetRow(normalised, NullIfEmpty(sample), NullIfEmpty(Cell(SampleSheet.DonorColumn)), NullIfEmpty(Cell(SampleSheet.ReplicateColumn)), values, line));
        }

        return problems.Count > start ? null : new SampleSheet(path, extra, rows, refused);
    }

    /// <summary>The sheet's way of writing a path, made comparable with discovered files: `/` separators, no `./`.</summary>
    internal static string Normalise(string file)
    {
        var parts = file.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (part != ".")
            {
                kept.Add(part);
            }
        }

        return string.Join('/', kept);
    }

    private static bool IsBlank(IReadOnlyList<string> row)
    {
        foreach (var cell in row)
        {
            if (cell.Trim().Length > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
