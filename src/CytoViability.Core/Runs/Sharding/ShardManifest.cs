using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CytoViability.Core.Hashing;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// DIR/manifest.json, written by `cytoviability plan`: the experiment resolved once. The template's bytes are folded
/// in (every shard gates with exactly them); the sample sheet, experiment.yaml and compensation matrix are named with
/// their sha256, and every file with its sha256, size, last-write time, group (donor) and shard. <see cref="ManifestId"/> is a hash of
/// all of it, so the same experiment planned again gets the same id and any change gets another.
/// </summary>
internal sealed record ShardManifest(
    string ManifestId,
    string ToolVersion,
    int Shards,
    bool NeedsMap,
    string Folder,
    FoldedTemplate Template,
    string TemplateSha256,
    string? SamplesOption,
    string? SheetSha256,
    string? SettingsSha256,
    string? MatrixPath,
    string? MatrixSha256,
    IReadOnlyList<ShardFile> Files,
    IReadOnlyList<string> Refused)
{
    public const string FileName = "manifest.json";

    private const int FormatVersion = 2;

    /// <summary>The id a manifest with these contents has: sha256 over every field but the id, first 32 hex digits.</summary>
    public static string IdOf(ShardManifest manifest)
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value is null ? "\u0000" : value.Replace("\u0001", "\u0001\u0001", StringComparison.Ordinal)).Append('\u0001');
        Field(FormatVersion.ToString(CultureInfo.InvariantCulture));
        Field(manifest.ToolVersion);
        Field(manifest.Shards.ToString(CultureInfo.InvariantCulture));
        Field(manifest.NeedsMap ? "map" : "no map");
        Field(manifest.Folder);
        Field(manifest.Template.SourceName);
        Field(manifest.Template.BaseDirectory);
        Field(Convert.ToHexStringLower(SHA256.HashData(manifest.Template.Bytes)));
        Field(manifest.SamplesOption);
        Field(manifest.SheetSha256);
        Field(manifest.SettingsSha256);
        Field(manifest.MatrixPath);
        Field(manifest.MatrixSha256);
        foreach (var file in manifest.Files)
        {
            Field(file.File);
            Field(file.Sha256);
            Field(file.Bytes.ToString(CultureInfo.InvariantCulture));
            Field(file.ModifiedUtc.ToString("O", CultureInfo.InvariantCulture));
            Field(file.Group);
            Field(file.Shard.ToString(CultureInfo.InvariantCulture));
        }

        Field("refused");
        foreach (var refused in manifest.Refused)
        {
            Field(refused);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>The manifest's files of shard <paramref name="shard"/>, as indexes into <see cref="Files"/> (plan order).</summary>
    public List<int> FilesOf(int shard)
    {
        var indexes = new List<int>();
        for (var i = 0; i < Files.Count; i++)
        {
            if (Files[i].Shard == shard)
            {
                indexes.Add(i);
            }
        }

        return indexes;
    }

    public void Write(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("tool", "cytoviability");
        json.WriteNumber("format", FormatVersion);
        json.WriteString("manifest_id", ManifestId);
        json.WriteString("version", ToolVersion);
        json.WriteNumber("shards", Shards);
        json.WriteBoolean("needs_map", NeedsMap);
        json.WriteString("folder", Folder);
        json.WriteStartObject("template");
        json.WriteString("source", Template.SourceName);
        json.WriteString("base_directory", Template.BaseDirectory);
        json.WriteString("sha256", TemplateSha256);
        json.WriteString("bytes_base64", Convert.ToBase64String(Template.Bytes));
        json.WriteEndObject();
        WriteNullable(json, "samples", SamplesOption);
        WriteNullable(json, "sample_sheet_sha256", SheetSha256);
        WriteNullable(json, "experiment_yaml_sha256", SettingsSha256);
        WriteNullable(json, "compensation_matrix", MatrixPath);
        WriteNullable(json, "compensation_matrix_sha256", MatrixSha256);
        json.WriteStartArray("files");
        foreach (var file in Files)
        {
            json.WriteStartObject();
            json.WriteString("file", file.File);
            WriteNullable(json, "sha256", file.Sha256);
            json.WriteNumber("bytes", file.Bytes);
            json.WriteString("modified_utc", file.ModifiedUtc.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("group", file.Group);
            json.WriteNumber("shard", file.Shard);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("refused");
        foreach (var refused in Refused)
        {
            json.WriteStringValue(refused);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Reads DIR/manifest.json; null with the problem when it is missing, damaged or altered by hand.</summary>
    public static ShardManifest? Read(string path, List<ConfigurationProblem> problems)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("format").GetInt32() != FormatVersion)
            {
                problems.Add(Problem(path, "a shard manifest of another format version; plan again with this version"));
                return null;
            }

            var template = root.GetProperty("template");
            var files = new List<ShardFile>();
            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                files.Add(new ShardFile(file.GetProperty("file").GetString()!, Text(file, "sha256"), file.GetProperty("bytes").GetInt64(), Modified(file), file.GetProperty("group").GetString()!, file.GetProperty("shard").GetInt32()));
            }

            var refused = new List<string>();
            foreach (var file in root.GetProperty("refused").EnumerateArray())
            {
                refused.Add(file.GetString()!);
            }

            var manifest = new ShardManifest(
                root.GetProperty("manifest_id").GetString()!,
                root.GetProperty("version").GetString()!,
                root.GetProperty("shards").GetInt32(),
                root.GetProperty("needs_map").GetBoolean(),
                root.GetProperty("folder").GetString()!,
                new FoldedTemplate(Convert.FromBase64String(template.GetProperty("bytes_base64").GetString()!), template.GetProperty("source").GetString()!, template.GetProperty("base_directory").GetString()!),
                template.GetProperty("sha256").GetString()!,
                Text(root, "samples"),
                Text(root, "sample_sheet_sha256"),
                Text(root, "experiment_yaml_sha256"),
                Text(root, "compensation_matrix"),
                Text(root, "compensation_matrix_sha256"),
                files,
                refused);
            if (IdOf(manifest) != manifest.ManifestId || manifest.Shards < 1)
            {
                problems.Add(Problem(path, "the manifest's contents do not match its id " + manifest.ManifestId + " (edited by hand?); plan again"));
                return null;
            }

            foreach (var file in files)
            {
                if (file.Shard < 0 || file.Shard >= manifest.Shards)
                {
                    problems.Add(Problem(path, "file " + file.File + " is assigned to shard " + file.Shard + " of " + manifest.Shards));
                    return null;
                }
            }

            return manifest;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problems.Add(Problem(path, "not a readable shard manifest: " + exception.Message));
            return null;
        }
    }

    private static DateTime Modified(JsonElement file)
        => DateTime.ParseExact(file.GetProperty("modified_utc").GetString()!, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    internal static ConfigurationProblem Problem(string path, string message) => ConfigurationProblem.Of(path, message);
}

/// <summary>
/// One input of a shard manifest: its path in the experiment folder, sha256 (null when unreadable at planning), size
/// and last-write time (UTC) when hashed, group and shard.
/// </summary>
internal sealed record ShardFile(string File, string? Sha256, long Bytes, DateTime ModifiedUtc, string Group, int Shard)
{
    /// <summary>
    /// The planned sha256 of the file just opened, when its size and last-write time are still those `plan` saw:
    /// a shard then reads it without hashing it again. Null otherwise (hash it, and refuse it if it differs).
    /// </summary>
    public string? UnchangedSha256(FileStream opened) => Sha256 is null ? null : new InputHash(Sha256, Bytes, ModifiedUtc).Unchanged(opened);
}
