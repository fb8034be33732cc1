using System.Text;
using System.Text.RegularExpressions;

namespace CytoViability.Core.Experiments;

/// <summary>
/// A case-insensitive glob over paths inside the experiment folder (`/` separators): `*` and `?` stay within one
/// folder name, `**` crosses folders. A pattern without `/` matches a file name in any folder, like .gitignore.
/// </summary>
internal sealed class GlobPattern
{
    private readonly Regex _regex;

    public GlobPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Text = pattern;
        var trimmed = pattern.Trim().Replace('\\', '/').TrimStart('/');
        var anyFolder = !trimmed.Contains('/', StringComparison.Ordinal);
        var regex = new StringBuilder(anyFolder ? "^(?:.*/)?" : "^");
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c == '*' && i + 1 < trimmed.Length && trimmed[i + 1] == '*')
            {
                var slash = i + 2 < trimmed.Length && trimmed[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        _regex = new Regex(regex.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Text { get; }

    public bool Matches(string relativePath) => _regex.IsMatch(relativePath);

    public override string ToString() => Text;
}
