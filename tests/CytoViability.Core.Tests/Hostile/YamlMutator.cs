using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Makes hostile variants of a template, line by line: wrong value types, unknown keys, parent cycles, huge numbers,
/// deep nesting, anchors and aliases (with an alias bomb), tabs, byte-order marks, binary bytes, other line ends.
/// </summary>
internal sealed partial class YamlMutator(Random random)
{
    private static readonly string[] WrongValues =
    [
        "[1, 2]", "{a: 1}", "\"text\"", "-1e999", "1e400", "~", "null", "true", ".nan", "-.inf", "0x1F", "0o17",
        "999999999999999999999999999999", "-0", "''", "!!binary AAAA", "[", "{", "]", "}", "'unterminated", "\"\\uD800\"",
        "? complex", "- item", "|", ">", "@reserved", "`tick", "%", "&anchor 1", "*nowhere", "<<: {a: 1}",
    ];

    public YamlMutant Mutate(string template)
    {
        var lines = template.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        switch (random.Next(16))
        {
            case 0:
                return Text("wrong-type", ReplaceValue(lines, Pick(WrongValues)), mustBeRefused: false);
            case 1:
                lines.Insert(0, "bogus_" + random.Next(1000).ToString(CultureInfo.InvariantCulture) + ": 1");
                return Text("unknown-top-level-key", lines, mustBeRefused: true);
            case 2:
            {
                var at = random.Next(lines.Count);
                lines.Insert(at, new string(' ', Indent(lines[at])) + "zz_unknown: [x]");
                return Text("unknown-key", lines, mustBeRefused: false);
            }

            case 3:
            {
                var (cycled, changed) = MakeCycle(lines);
                return Text("parent-cycle", cycled, mustBeRefused: changed);
            }

            case 4:
            {
                var depth = Pick([65, 200, 5000, 100_000]);
                var nested = random.Next(2) == 0
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth);
                return Text("deep-nesting", ReplaceValue(lines, nested), mustBeRefused: true);
            }

            case 5:
            {
                var indented = new StringBuilder("name: deep\n");
                var depth = Pick([70, 500, 3000]);
                for (var i = 0; i < depth; i++)
                {
                    indented.Append(' ', i).Append("k:\n");
                }

                return new("deep-indentation", Encoding.UTF8.GetBytes(indented.ToString()), MustBeRefused: true);
            }

            case 6:
                return new("billion-laughs", Encoding.UTF8.GetBytes(BillionLaughs() + string.Join('\n', lines)), MustBeRefused: true);
            case 7:
            {
                var at = random.Next(lines.Count);
                var (key, _) = Split(lines[at]);
                if (key is null)
                {
                    lines.Insert(0, "x: &a [1, 2]");
                    lines.Insert(1, "y: *a");
                }
                else
                {
                    lines[at] = lines[at].Replace(key + ":", key + ": &anchor" + (random.Next(2) == 0 ? " *anchor" : string.Empty), StringComparison.Ordinal);
                }

                return Text("anchor-alias", lines, mustBeRefused: true);
            }

            case 8:
            {
                var at = random.Next(lines.Count);
                lines[at] = "\t" + lines[at].TrimStart(' ');
                return Text("tab-indent", lines, mustBeRefused: false);
            }

            case 9:
            {
                var text = string.Join('\n', lines);
                var at = random.Next(text.Length + 1);
                return Text("bom", text.Insert(at, "\uFEFF"), mustBeRefused: false);
            }

            case 10:
            {
                var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines)).ToList();
                var count = random.Next(1, 16);
                var at = random.Next(bytes.Count + 1);
                for (var i = 0; i < count; i++)
                {
                    bytes.Insert(at, (byte)random.Next(256));
                }

                bytes.Insert(at, 0xC3);
                bytes.Insert(at + 1, 0x28);
                return new("binary", [.. bytes], MustBeRefused: true);
            }

            case 11:
                return Text("huge-number", ReplaceValue(lines, random.Next(2) == 0 ? new string('9', Pick([400, 20_000, 400_000])) : "1e" + new string('9', 12)), mustBeRefused: false);
            case 12:
                return Text("control-characters", ReplaceValue(lines, Pick(["\"a\\0b\"", "\u0001\u0002", "a\u0000b", "\"\\x00\""])), mustBeRefused: false);
            case 13:
            {
                var text = string.Join(Pick(["\r\n", "\r", "\u2028", "\u0085"]), lines);
                return Text("line-ends", text, mustBeRefused: false);
            }

            case 14:
            {
                var prefix = Pick(["%YAML 1.1\n---\n", "%TAG ! tag:x,2000:\n---\n", "---\n", "--- !!map\n", "...\n"]);
                var suffix = Pick(["", "\n---\nname: second\n", "\n...\n"]);
                return Text("directives-and-documents", prefix + string.Join('\n', lines) + suffix, mustBeRefused: false);
            }

            default:
            {
                var count = random.Next(1, 4);
                for (var i = 0; i < count && lines.Count > 1; i++)
                {
                    var at = random.Next(lines.Count);
                    switch (random.Next(3))
                    {
                        case 0:
                            lines.RemoveAt(at);
                            break;
                        case 1:
                            lines.Insert(random.Next(lines.Count), lines[at]);
                            break;
                        default:
                            lines[at] = lines[at][..random.Next(lines[at].Length + 1)];
                            break;
                    }
                }

                return Text("lines-edited", lines, mustBeRefused: false);
            }
        }
    }

    /// <summary>Nine levels of nine-fold aliases: 10^9 nodes if anything expanded them.</summary>
    internal static string BillionLaughs()
    {
        var text = new StringBuilder("a0: &a0 [lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            text.Append('a').Append(level).Append(": &a").Append(level).Append(" [");
            for (var i = 0; i < 9; i++)
            {
                text.Append(i == 0 ? string.Empty : ", ").Append("*a").Append(level - 1);
            }

            text.Append("]\n");
        }

        return text.ToString();
    }

    private List<string> ReplaceValue(List<string> lines, string value)
    {
        var candidates = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (Split(lines[i]).Key is not null)
            {
                candidates.Add(i);
            }
        }

        if (candidates.Count == 0)
        {
            lines.Add("x: " + value);
            return lines;
        }

        var at = Pick(candidates);
        var (key, _) = Split(lines[at]);
        lines[at] = lines[at][..(lines[at].IndexOf(key + ":", StringComparison.Ordinal) + key!.Length + 1)] + " " + value;
        return lines;
    }

    /// <summary>Makes the first gate with a parent its own parent (the id line comes before the parent line).</summary>
    private static (List<string> Lines, bool Changed) MakeCycle(List<string> lines)
    {
        string? id = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var idMatch = IdLine().Match(lines[i]);
            if (idMatch.Success)
            {
                id = idMatch.Groups[1].Value;
                continue;
            }

            var parentMatch = ParentLine().Match(lines[i]);
            if (parentMatch.Success && id is not null)
            {
                lines[i] = parentMatch.Groups[1].Value + "parent: " + id;
                return (lines, true);
            }
        }

        return (lines, false);
    }

    private static (string? Key, string Value) Split(string line)
    {
        var match = KeyLine().Match(line);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : (null, string.Empty);
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static YamlMutant Text(string kind, List<string> lines, bool mustBeRefused) => Text(kind, string.Join('\n', lines), mustBeRefused);

    private static YamlMutant Text(string kind, string text, bool mustBeRefused) => new(kind, Encoding.UTF8.GetBytes(text), mustBeRefused);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    [GeneratedRegex(@"^\s*(?:- )?([A-Za-z_][A-Za-z0-9_-]*):(.*)$")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^\s*(?:- )?id:\s*([A-Za-z0-9_-]+)\s*$")]
    private static partial Regex IdLine();

    [GeneratedRegex(@"^(\s*(?:- )?)parent:\s*\S+")]
    private static partial Regex ParentLine();
}
