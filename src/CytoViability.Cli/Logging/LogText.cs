using System.Globalization;
using System.Text;

namespace CytoViability.Cli.Logging;

/// <summary>
/// Text from the experiment folder (file names, reasons quoting them) made safe for one log line: control characters
/// and Unicode line separators are written as escapes (\n, \r, \t, \u0085), so a file named "a\n[7/7] b.fcs" cannot
/// forge a line in run.log or on the console. Backslashes are left alone: they are ordinary in names.
/// </summary>
internal static class LogText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsEscape(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            builder.Append(ch switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when IsControl(ch) => "\\u" + ((int)ch).ToString("x4", CultureInfo.InvariantCulture),
                _ => ch.ToString(),
            });
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(string text)
    {
        foreach (var ch in text)
        {
            if (IsControl(ch))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsControl(char ch) => char.IsControl(ch) || ch is '\u2028' or '\u2029';
}
