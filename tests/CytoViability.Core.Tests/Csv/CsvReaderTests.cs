using CytoViability.Core.Csv;

namespace CytoViability.Core.Tests.Csv;

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
        using var csv = new CsvRowWriter(text);
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

    [Theory]
    [InlineData("a,b\n1,x\"y\n", "line 2: quote inside an unquoted cell")]
    [InlineData("a,b\n1, \"y\"\n", "line 2: quote inside an unquoted cell")]
    [InlineData("a,b\n\"two\nlines\",\"x\"y\n", "line 3: text after a closing quote")]
    [InlineData("a,b\n\"two\nlines\",\"x\"\"\n\n", "line 5: quoted cell not closed before the end of the file")]
    public void Read_BrokenQuoting_IsAFormatErrorNamingTheLineOfTheFault(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => CsvReader.Read(text));

        Assert.Equal("CSV " + message, error.Message);
    }

    [Fact]
    public void Read_SheetSavedWithOldMacLineEnds_GivesTheSameRows()
    {
        var table = CsvReader.Read("file,donor\ra.fcs,D1\rb.fcs,D2\r");

        Assert.Equal(["file", "donor"], table.Header);
        Assert.Equal([["a.fcs", "D1"], ["b.fcs", "D2"]], table.Rows);
    }

    [Fact]
    public void Read_RaggedRowsBlankLinesAndARepeatedHeaderName_AreLeftToTheCaller()
    {
        var table = CsvReader.Read("x,x\n1\n\n1,2,3\n");

        Assert.Equal(["x", "x"], table.Header);
        Assert.Equal([["1"], [""], ["1", "2", "3"]], table.Rows);
    }

    [Fact]
    public void Read_EmptyText_IsATableWithoutHeaderOrRows()
    {
        var table = CsvReader.Read(string.Empty);

        Assert.Empty(table.Header);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void Read_HandWrittenApostropheBeforeOrdinaryText_IsKept()
    {
        var table = CsvReader.Read("a\n'tis\n");

        Assert.Equal("'tis", table.Rows[0][0]);
    }
}
