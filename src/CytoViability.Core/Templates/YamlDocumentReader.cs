using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CytoViability.Core.Templates;

/// <summary>
/// Turns YAML text into <see cref="YamlNode"/>s from the parser's event stream, keeping every node's position.
/// Anchors, aliases and tags are refused (a template must say everything where it is used, and an alias bomb
/// cannot expand); nesting is built with an explicit stack and capped, so no input can overflow the call stack.
/// Every problem is added to the list; nothing here throws on bad YAML.
/// </summary>
internal static class YamlDocumentReader
{
    public const int MaximumDepth = 64;

    /// <summary>The root node, or null for an empty document; <paramref name="complete"/> is false when reading stopped at a problem.</summary>
    public static YamlNode? Read(string text, string file, List<ConfigurationProblem> problems, out bool complete)
    {
        complete = false;
        ArgumentNullException.ThrowIfNull(text);
        var stack = new Stack<YamlNode>();
        var pendingKeys = new Stack<YamlScalar?>();
        YamlNode? root = null;
        var documents = 0;
        var parser = new Parser(new StringReader(text));
        var last = new TextPosition(1, 1);
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = PositionOf(current.Start);
                switch (current)
                {
                    case DocumentStart:
                        documents++;
                        if (documents > 1)
                        {
                            problems.Add(new(file, PositionOf(current.Start), "only one YAML document is allowed (remove the second '---')"));
                            return root;
                        }

                        break;
                    case AnchorAlias alias:
                        problems.Add(new(file, PositionOf(alias.Start), "aliases (*" + alias.Value + ") are not allowed; write the value out"));
                        if (!Attach(new YamlScalar(PositionOf(alias.Start), string.Empty, false), stack, pendingKeys, ref root, file, problems))
                        {
                            return root;
                        }

                        break;
                    case Scalar scalar:
                        CheckProperties(scalar, file, problems);
                        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                        if (!Attach(new YamlScalar(PositionOf(scalar.Start), scalar.Value, quoted), stack, pendingKeys, ref root, file, problems))
                        {
                            return root;
                        }

                        break;
                    case SequenceStart sequenceStart:
                        CheckProperties(sequenceStart, file, problems);
                        if (!Open(new YamlSequence(PositionOf(sequenceStart.Start)), stack, pendingKeys, ref root, file, problems))
                        {
                            return root;
                        }

                        break;
                    case MappingStart mappingStart:
                        CheckProperties(mappingStart, file, problems);
                        if (!Open(new YamlMapping(PositionOf(mappingStart.Start)), stack, pendingKeys, ref root, file, problems))
                        {
                            return root;
                        }

                        break;
                    case SequenceEnd or MappingEnd:
                        if (stack.Count > 0)
                        {
                            stack.Pop();
                            pendingKeys.Pop();
                        }

                        break;
                }
            }
        }
        catch (YamlException exception)
        {
            var position = PositionOf(exception.Start);
            if (exception.Message.Contains(" tab ", StringComparison.Ordinal) && FirstIndentingTab(text) is { } tab && tab.Line >= position.Line)
            {
                // YamlDotNet reports a tab in the indentation of a block mapping at 1:1; the scientist needs the tab's own place.
                position = tab;
            }

            problems.Add(new(file, position, "YAML syntax: " + StripMark(exception.Message)));
            return root;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these on some malformed input (e.g. an unterminated flow collection) instead of a YamlException.
            problems.Add(new(file, last, "YAML syntax: the text after this point is not valid YAML (an unclosed '[' or '{'?)"));
            return root;
        }

        complete = true;
        return root;
    }

    private static bool Open(YamlNode node, Stack<YamlNode> stack, Stack<YamlScalar?> pendingKeys, ref YamlNode? root, string file, List<ConfigurationProblem> problems)
    {
        if (!Attach(node, stack, pendingKeys, ref root, file, problems))
        {
            return false;
        }

        if (stack.Count >= MaximumDepth)
        {
            problems.Add(new(file, node.Position, "nesting deeper than " + MaximumDepth + " levels"));
            return false;
        }

        stack.Push(node);
        pendingKeys.Push(null);
        return true;
    }

    /// <summary>Adds a finished or just-opened node to its container; false stops reading.</summary>
    private static bool Attach(YamlNode node, Stack<YamlNode> stack, Stack<YamlScalar?> pendingKeys, ref YamlNode? root, string file, List<ConfigurationProblem> problems)
    {
        if (stack.Count == 0)
        {
            root = node;
            return true;
        }

        switch (stack.Peek())
        {
            case YamlSequence sequence:
                sequence.Items.Add(node);
                return true;
            case YamlMapping mapping:
                var key = pendingKeys.Pop();
                if (key is null)
                {
                    if (node is not YamlScalar scalarKey)
                    {
                        problems.Add(new(file, node.Position, "a map key must be a single value, not " + node.Kind));
                        return false;
                    }

                    pendingKeys.Push(scalarKey);
                    return true;
                }

                pendingKeys.Push(null);
                if (mapping[key.Value] is not null)
                {
                    problems.Add(new(file, key.Position, "duplicate key '" + key.Value + "'"));
                    return true;
                }

                mapping.Entries.Add(new(key, node));
                return true;
            default:
                return true;
        }
    }

    private static void CheckProperties(NodeEvent node, string file, List<ConfigurationProblem> problems)
    {
        if (!node.Anchor.IsEmpty)
        {
            problems.Add(new(file, PositionOf(node.Start), "anchors (&" + node.Anchor.Value + ") are not allowed; write the value out where it is used"));
        }

        if (!node.Tag.IsEmpty)
        {
            problems.Add(new(file, PositionOf(node.Start), "tags (" + node.Tag.Value + ") are not allowed"));
        }
    }

    /// <summary>Line and column of the first tab among a line's leading whitespace, or null.</summary>
    private static TextPosition? FirstIndentingTab(string text)
    {
        var line = 1;
        var column = 1;
        var leading = true;
        foreach (var character in text)
        {
            if (character == '\n')
            {
                (line, column, leading) = (line + 1, 1, true);
                continue;
            }

            if (leading && character == '\t')
            {
                return new TextPosition(line, column);
            }

            leading &= character == ' ';
            column++;
        }

        return null;
    }

    internal static TextPosition PositionOf(Mark mark)
        => new((int)Math.Clamp(mark.Line, 0, int.MaxValue), (int)Math.Clamp(mark.Column, 0, int.MaxValue));

    /// <summary>YamlDotNet starts its messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the position is reported separately.</summary>
    private static string StripMark(string message)
    {
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }
}
