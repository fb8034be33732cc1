using System.Globalization;
using System.Text.Json;

namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// The files of a shard's folder and how they are written. The samples' records (outcome and gate plots) are appended
/// to one file, each whole or not counted (<see cref="ShardRecords"/>); shard.json, written last through a temporary
/// name renamed into place, says the shard is complete. A killed shard run again keeps the samples it finished and does the rest.
/// </summary>
internal static class ShardFiles
{
    public const string CompleteName = "shard.json";
    public const string SumsName = "pooled.bin";
    public const string PlacementsName = "samples.bin";

    public const int SampleMagic = 0x53535643; // "CVSS"
    public const int SumsMagic = 0x50535643; // "CVSP"
    public const int PlacementsMagic = 0x4C535643; // "CVSL"

    public static string RecordsPath(string shardFolder) => Path.Combine(shardFolder, ShardRecords.FileName);

    /// <summary>
    /// Writes a file through a temporary name in the same folder, flushed to disk, then renames it into place
    /// (replacing): the manifest, a map and shard.json, a few files a shard.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        using var memory = new MemoryStream();
        write(memory);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        try
        {
            using (var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(handle, memory.GetBuffer().AsSpan(0, (int)memory.Length), 0);
                RandomAccess.FlushToDisk(handle);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The complete marker of a shard: manifest id, shard, counts, and whether gate plots were binned.</summary>
    public static void WriteComplete(string shardFolder, string manifestId, int shard, int files, int failed, bool plots, string toolVersion)
        => WriteAtomically(Path.Combine(shardFolder, CompleteName), stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("manifest_id", manifestId);
            json.WriteNumber("shard", shard);
            json.WriteString("version", toolVersion);
            json.WriteNumber("files", files);
            json.WriteNumber("failed", failed);
            json.WriteBoolean("plots", plots);
            json.WriteString("finished_utc", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        });

    /// <summary>What a shard folder's shard.json says, or null when it has none (not complete) or it cannot be read.</summary>
    public static CompleteShard? ReadComplete(string shardFolder)
    {
        var path = Path.Combine(shardFolder, CompleteName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new CompleteShard(root.GetProperty("manifest_id").GetString()!, root.GetProperty("shard").GetInt32(), root.GetProperty("files").GetInt32(), root.GetProperty("plots").GetBoolean());
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new CompleteShard(string.Empty, -1, 0, false);
        }
    }

    /// <summary>The manifest id in a map's header (null when it cannot be read).</summary>
    public static string? ManifestIdOf(string path, int magic)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var reader = ShardBinary.Reader(stream);
            return ShardBinary.ReadHeader(reader, magic, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    internal sealed record CompleteShard(string ManifestId, int Shard, int Files, bool Plots);
}
