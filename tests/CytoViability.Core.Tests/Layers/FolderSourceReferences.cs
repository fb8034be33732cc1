using System.Text.RegularExpressions;

namespace CytoViability.Core.Tests.Layers;

/// <summary>
/// The uses of one folder by another that the compiled code does not keep: a constant (a <c>const</c> string, an
/// enum member) is copied into the method that reads it as a bare value, so <see cref="FolderReferences"/> cannot
/// see whose it was. In the source such a use still names the folder: a <c>using</c> of its namespace, or a name
/// qualified by it (<c>Output.OutputGeneration.MarkerName</c>, <c>CytoViability.Core.Qc.QcStatus.Fail</c>). A
/// <c>using</c> nothing in the file needs counts too: it says the file reaches there, and should go.
/// </summary>
internal static partial class FolderSourceReferences
{
    /// <summary>
    /// Each use found in the C# files under <paramref name="sourceFolder"/> (bin/ and obj/ left out), with the file and
    /// the text that makes it. <paramref name="typesByFolder"/> holds the type names each folder declares, so that
    /// <c>Output.X</c> counts only where X is a type of Output/ and not a property that happens to be called Output.
    /// </summary>
    public static IReadOnlyDictionary<(string From, string To), string> Read(string sourceFolder, IReadOnlyDictionary<string, IReadOnlySet<string>> typesByFolder)
    {
        var edges = new SortedDictionary<(string From, string To), string>();
        foreach (var path in Directory.EnumerateFiles(sourceFolder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(sourceFolder, path).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal))
            {
                continue;
            }

            var code = CommentOrText().Replace(File.ReadAllText(path), " ");
            if (Namespace().Match(code) is not { Success: true } declared)
            {
                continue;
            }

            var from = FolderOf(declared.Groups["name"].Value);
            foreach (Match use in Using().Matches(code))
            {
                Add(edges, from, FolderOf(use.Groups["name"].Value), relative + ": " + use.Value.Trim());
            }

            foreach (Match use in Qualified().Matches(code))
            {
                var to = use.Groups["folder"].Value;
                if (typesByFolder.TryGetValue(to, out var types) && types.Contains(use.Groups["type"].Value))
                {
                    Add(edges, from, to, relative + ": " + use.Value);
                }
            }
        }

        return edges;
    }

    /// <summary>The type names each folder of the assembly declares (outermost types only).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> TypesByFolder(System.Reflection.Assembly assembly)
    {
        var types = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (type.DeclaringType is null && type.Namespace is { } ns && FolderOf(ns) is { Length: > 0 } folder)
            {
                var name = type.Name.Split('`')[0];
                if (!types.TryGetValue(folder, out var names))
                {
                    types[folder] = names = new HashSet<string>(StringComparer.Ordinal);
                }

                names.Add(name);
            }
        }

        return types.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value, StringComparer.Ordinal);
    }

    /// <summary>The folder of a namespace as <see cref="FolderReferences"/> counts it; "" for the shared roots.</summary>
    private static string FolderOf(string ns)
    {
        if (ns is "CytoViability" or "CytoViability.Core")
        {
            return FolderReferences.Root;
        }

        foreach (var prefix in (string[])["CytoViability.Core.", "CytoViability."])
        {
            if (ns.StartsWith(prefix, StringComparison.Ordinal))
            {
                return ns[prefix.Length..].Split('.')[0];
            }
        }

        return FolderReferences.Root;
    }

    private static void Add(SortedDictionary<(string From, string To), string> edges, string from, string to, string example)
    {
        if (to != from && to != FolderReferences.Root)
        {
            edges.TryAdd((from, to), example);
        }
    }

    /// <summary>Comments, strings and character literals, which name folders without using them.</summary>
    [GeneratedRegex("""//[^\n]*|/\*.*?\*/|@"(?:""|[^"])*"|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])+'""", RegexOptions.Singleline)]
    private static partial Regex CommentOrText();

    [GeneratedRegex(@"^namespace\s+(?<name>CytoViability[\w.]*)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<name>CytoViability(?:\.Core)?\.\w+)[\w.]*\s*;", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"(?<![\w.])(?:CytoViability\.(?:Core\.)?)?(?<folder>[A-Z]\w*)\.(?<type>[A-Z]\w*)\b")]
    private static partial Regex Qualified();
}
