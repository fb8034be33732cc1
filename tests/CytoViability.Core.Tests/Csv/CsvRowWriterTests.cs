using CytoViability.Core.Csv;

namespace CytoViability.Core.Tests.Csv;

public sealed class CsvRowWriterTests
{
    private static string WriteCells(Action<CsvRowWriter> write)
    {
        var text = new StringWriter();
        using var csv = new CsvRowWriter(text);
        write(csv);
        csv.EndRow();
        return text.ToString();
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1+cmd", "'+1+cmd")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("'quoted", "''quoted")]
    [InlineData("-5", "-5")]
    [InlineData("-1.5e3", "-1.5e3")]
    [InlineData("+7", "+7")]
    [InlineData("", "")]
    public void Text_SpecialCharacters_AreQuotedAndFormulasNeutralised(string value, string expected)
    {
        Assert.Equal(expected + "\n", WriteCells(csv => csv.Text(value)));
    }

    [Fact]
    public void Rows_EndWithLineFeed_WhateverTheWritersNewLine()
    {
        var text = new StringWriter { NewLine = "\r\n" };
        using (var csv = new CsvRowWriter(text))
        {
            csv.Row(["a", "b"]);
            csv.Row(["c"]);
            csv.EndRow();
        }

        Assert.Equal("a,b\nc\n\n", text.ToString());
    }

    [Fact]
    public void Number_NegativeValues_StayNumbers()
    {
        Assert.Equal("-3.5,-0.001,-12\n", WriteCells(csv =>
        {
            csv.Number(-3.5);
            csv.Number(-0.001);
            csv.Integer(-12);
        }));
    }

    [Fact]
    public void Number_NaNNullAndNegativeZero_AreEmptyEmptyAndZero()
    {
        Assert.Equal(",,0,Infinity\n", WriteCells(csv =>
        {
            csv.Number(double.NaN);
            csv.Number((double?)null);
            csv.Number(-0.0);
            csv.Number(double.PositiveInfinity);
        }));
    }

    [Fact]
    public void Number_ShortestRoundTrip_ReadsBackBitForBit()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            var cell = WriteCells(csv => csv.Number(value))[..^1];

            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(CsvTable.ParseNumber(cell)));
        }

        Assert.Equal("0.1,1E-07,123456789012\n", WriteCells(csv =>
        {
            csv.Number(0.1);
            csv.Number(1e-7);
            csv.Number(123456789012);
        }));
    }
}
