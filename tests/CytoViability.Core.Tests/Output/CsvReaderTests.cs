using CytoViability.Core.Output;

namespace CytoViability.Core.Tests.Output;

public sealed class CsvReaderTests
{
    [Fact]
    public void Read_WhatTheWriterWrote_GivesBackTheSameCells()
    {
        string[][] rows =
        [
            ["sample", "note", "value"],
            ["donor 1, well A", "=cmd|' /C calc'!A0", "-5"],
            ["say \"hi\"", "line1\r\nline2", "'apostrophe"],
            ["", "@x", "+y"],
            ["\ttabbed", "''twice", "ünïcødé µ"],
        ];
        var text = new StringWriter();
        var csv = new CsvRowWriter(text);
        foreach (var row in rows)
        {
            csv.Row(row);
        }

        var table = CsvReader.Read(text.ToString());

        Assert.Equal(rows[0], table.Header);
        Assert.Equal(rows.Length - 1, table.Rows.Count);
        for (var i = 1; i < rows.Length; i++)
        {
            Assert.Equal(rows[i], table.Rows[i - 1]);
        }
    }

    [Fact]
    public void Read_CrLfAndTrailingEmptyCell_AreHandled()
    {
        var table = CsvReader.Read("a,b\r\n1,\r\n\"x,y\",2");

        Assert.Equal(["a", "b"], table.Header);
        Assert.Equal(["1", ""], table.Rows[0]);
        Assert.Equal(["x,y", "2"], table.Rows[1]);
    }

    [Fact]
    public void Read_UnclosedQuote_IsAFormatErrorNamingTheLine()
    {
        var error = Assert.Throws<FormatException>(() => CsvReader.Read("a,b\n1,\"open\n"));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HandWrittenApostropheBeforeOrdinaryText_IsKept()
    {
        var table = CsvReader.Read("a\n'tis\n");

        Assert.Equal("'tis", table.Rows[0][0]);
    }
}
