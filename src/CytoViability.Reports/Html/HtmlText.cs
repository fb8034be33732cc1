using System.Text;

namespace CytoViability.Reports.Html;

/// <summary>
/// HTML encoding for every string that comes from a file (sample and file names, keyword values, markers, messages):
/// the five characters that can end a text node or an attribute value become entities, so such text always shows
/// as text. Used for element content and for double-quoted attribute values alike.
/// </summary>
internal static class HtmlText
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }

        return encoded.ToString();
    }
}
