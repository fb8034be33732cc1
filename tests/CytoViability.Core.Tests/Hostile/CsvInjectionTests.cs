using System.Text;
using CytoViability.Core.Csv;
using CytoViability.Tests;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Text from FCS files (keywords, file names, marker names) goes into CSV cells: whatever it holds, the file keeps
/// its shape (one record per row, the same cell count), no cell starts with something a spreadsheet executes, and
/// the table reads back to exactly the original text. Checked with a small RFC 4180 splitter written here.
/// </summary>
public sealed class CsvInjectionTests
{
    private const string Hostile = "=+-@\t\r\n,\"' ;|\\$<>()01.9eE\u00a0\uff1d\u2028\0a";

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    [InlineData("a,b\n=c")]
    [InlineData("\"=1\"")]
    public void FormulaLikeText_IsNeutralised_AndReadsBack(string value)
    {
        var csv = WriteRow("x", value, "y");

        var cells = RawCsv.SplitRecords(csv).Single();

        Assert.Equal(3, cells.Count);
        Assert.False(Executes(cells[1]), "cell '" + cells[1] + "' would run as a formula");
        Assert.Equal(value, CsvReader.Read("a,b,c\n" + csv).Rows.Single()[1]);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("+1.5")]
    [InlineData("-1e-3")]
    public void SignedNumbers_StayNumbers(string value)
    {
        Assert.Equal("x," + value + ",y\n", WriteRow("x", value, "y"));
    }

    [Fact]
    public void RandomHostileText_KeepsTheTableShape_NeverExecutes_AndRoundTrips()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 5_000; i++)
        {
            var row = new string[random.Next(1, 6)];
            for (var c = 0; c < row.Length; c++)
            {
                var text = new StringBuilder();
                var length = random.Next(0, 12);
                for (var k = 0; k < length; k++)
                {
                    text.Append(Hostile[random.Next(Hostile.Length)]);
                }

                row[c] = text.ToString();
            }

            var csv = WriteRow(row);
            var records = RawCsv.SplitRecords(csv);

            var cells = Assert.Single(records);
            Assert.Equal(row.Length, cells.Count);
            Assert.All(cells, cell => Assert.False(Executes(cell), "cell '" + cell + "' would run as a formula"));
            var header = string.Join(',', Enumerable.Range(0, row.Length).Select(n => "c" + n));
            Assert.Equal(row, CsvReader.Read(header + "\n" + csv).Rows.Single());
        }
    }

    private static string WriteRow(params string[] cells)
    {
        using var text = new StringWriter();
        using (var csv = new CsvRowWriter(text))
        {
            csv.Row(cells);
        }

        return text.ToString();
    }

    /// <summary>What Excel and LibreOffice run: a cell starting with = + - @ (or tab/CR before one), unless it is a plain number.</summary>
    private static bool Executes(string cell)
    {
        if (cell.Length == 0)
        {
            return false;
        }

        if (cell[0] is '=' or '@' or '\t' or '\r')
        {
            return true;
        }

        return cell[0] is '+' or '-' && !double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
    }
}
