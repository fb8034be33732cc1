using System.Security.Cryptography;
using System.Text;
using CytoViability.Core.Files;

namespace CytoViability.Core.Templates;

/// <summary>
/// Loads and validates a gating template. Never throws on the template's content: every problem comes back with
/// its line and column, and <see cref="TemplateLoadResult.Template"/> is null when there is any.
/// </summary>
internal static class TemplateLoader
{
    /// <summary>Templates are hand-written pages; anything larger is not one.</summary>
    public const long MaximumBytes = 4 << 20;

    /// <summary>
    /// Loads a template file; with <paramref name="containedIn"/> (a template named by experiment.yaml) the file
    /// actually opened must lie inside that folder.
    /// </summary>
    public static TemplateLoadResult LoadFile(string path, string? containedIn = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var display = path;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failure(display, "template not found");
            }

            if (info.Length > MaximumBytes)
            {
                return Failure(display, "the template is larger than " + (MaximumBytes >> 20) + " MB");
            }

            bytes = containedIn is null ? File.ReadAllBytes(path) : ContainedFile.ReadAll(containedIn, path, MaximumBytes, "templates");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ContainmentException or InputTooLargeException)
        {
            return Failure(display, "the template cannot be read: " + exception.Message);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Load(bytes, display, directory);
    }

    /// <summary>Validates template bytes; <paramref name="baseDirectory"/> resolves a compensation matrix path.</summary>
    public static TemplateLoadResult Load(ReadOnlySpan<byte> bytes, string sourceName, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var problems = new List<ConfigurationProblem>();
        if (bytes.Length > MaximumBytes)
        {
            return Failure(sourceName, "the template is larger than " + (MaximumBytes >> 20) + " MB");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            return Failure(sourceName, "the template is not UTF-8 text (byte " + exception.Index + ")");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var context = new YamlReadContext(sourceName, problems);
        var root = YamlDocumentReader.Read(text, sourceName, problems, out var complete);
        GatingTemplate? template = null;
        if (complete)
        {
            template = new TemplateParser(context, baseDirectory).Parse(root, sourceName, sha256);
        }

        problems.Sort(static (a, b) => (a.Position?.Line ?? 0) != (b.Position?.Line ?? 0) ? (a.Position?.Line ?? 0).CompareTo(b.Position?.Line ?? 0) : (a.Position?.Column ?? 0).CompareTo(b.Position?.Column ?? 0));
        return new TemplateLoadResult(problems.Count == 0 ? template : null, problems) { Source = new FoldedTemplate(bytes.ToArray(), sourceName, baseDirectory) };
    }

    private static TemplateLoadResult Failure(string file, string message)
        => new(null, [ConfigurationProblem.Of(file, message)]);
}
