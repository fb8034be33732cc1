using System.Text;
using Xunit;

namespace CytoViability.Tests;

/// <summary>
/// Splits RFC 4180 text into records of cells exactly as a spreadsheet receives them (quotes removed), independent
/// of the project's own CSV reader; fails on an unquoted quote or CR, an unterminated quote or a missing final LF.
/// </summary>
internal static class RawCsv
{
    public static List<List<string>> SplitRecords(string csv)
    {
        var records = new List<List<string>>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                records.Add(cells);
                cells = [];
            }
            else
            {
                Assert.False(c is '"' or '\r', "unquoted " + (c == '"' ? "quote" : "CR") + " in '" + csv + "'");
                cell.Append(c);
            }
        }

        Assert.False(quoted, "unterminated quote in '" + csv + "'");
        Assert.Equal(0, cell.Length);
        return records;
    }
}
