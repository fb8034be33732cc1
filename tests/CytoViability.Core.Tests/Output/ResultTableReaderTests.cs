using CytoViability.Core.Csv;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Tests.Output;

public sealed class ResultTableReaderTests
{
    [Fact]
    public void ReadKilling_WrittenTable_GivesBackEveryValueAndTheConditionColumns()
    {
        KillingRow[] rows =
        [
            new("D1, CLL-07", ["=rituximab", "30:1"], 37.123456789012345, 20, -0.1, "specific", false, 2, 2400, 0.6, true),
            new("D2", ["none", "30:1"], 20, 20, 0, "specific", true, 1, 1200, double.NaN, false),
        ];
        var text = new StringWriter();
        ResultTables.WriteKilling(text, ["antibody", "ratio"], rows);

        var read = ResultTableReader.ReadKilling(CsvReader.Read(text.ToString()));

        Assert.Equal(["antibody", "ratio"], read.DynamicColumns);
        Assert.Equal(2, read.Rows.Count);
        var first = read.Rows[0];
        Assert.Equal("D1, CLL-07", first.Donor);
        Assert.Equal(["=rituximab", "30:1"], first.Conditions);
        Assert.Equal(37.123456789012345, first.PercentDead);
        Assert.Equal(-0.1, first.PercentKilling);
        Assert.True(first.LowTargetCount);
        Assert.True(double.IsNaN(read.Rows[1].PercentDeadSe));
        Assert.True(read.Rows[1].IsControl);

        var again = new StringWriter();
        ResultTables.WriteKilling(again, read.DynamicColumns, read.Rows);
        Assert.Equal(text.ToString(), again.ToString());
    }

    [Fact]
    public void ReadSummaryFoldQcPopulationsMfi_RewriteToTheSameBytes()
    {
        var summary = new StringWriter();
        ResultTables.WriteSummary(summary, ["treatment", "concentration"], [
            new SummaryRow("viability", ["untreated", "0"], 3, 80.5, 2.5, 1.44, null, 0),
            new SummaryRow("viability", ["FASL", "-1"], 1, 60, double.NaN, double.NaN, double.NaN, 1),
        ]);
        var fold = new StringWriter();
        ResultTables.WriteMfiFold(fold, ["stimulation"], [new MfiFoldRow("D1", ["CD40L"], 400.25, 100, Math.Log2(400.25 / 100))]);
        var qc = new StringWriter();
        ResultTables.WriteQc(qc, [
            new QcRow("S1", "a,b.fcs", "purity", 85.5, 90, QcStatus.Fail, "line one\nline \"two\""),
            new QcRow("S2", "s2.fcs", "unreadable_file", null, null, QcStatus.Fail, "@TEXT truncated"),
        ]);
        var populations = new StringWriter();
        ResultTables.WritePopulations(populations, ["donor"], [new PopulationRow("S1", "s1.fcs", "Live", "Cells", 5, 0, double.NaN, 50, ["D1"])]);
        var mfi = new StringWriter();
        ResultTables.WriteMfi(mfi, [new MfiRow("S1", "Live", "PE-A", "", -12.5, -3, 110.3, 4, 7.25, -250, double.NaN, 9)]);

        var readSummary = ResultTableReader.ReadSummary(CsvReader.Read(summary.ToString()));
        var readFold = ResultTableReader.ReadMfiFold(CsvReader.Read(fold.ToString()));
        var readQc = ResultTableReader.ReadQc(CsvReader.Read(qc.ToString()));
        var readPopulations = ResultTableReader.ReadPopulations(CsvReader.Read(populations.ToString()));
        var readMfi = ResultTableReader.ReadMfi(CsvReader.Read(mfi.ToString()));

        Assert.Equal(["treatment", "concentration"], readSummary.DynamicColumns);
        Assert.Null(readSummary.Rows[0].PValue);
        Assert.Equal("-1", readSummary.Rows[1].Conditions[1]);
        Assert.Equal("line one\nline \"two\"", readQc.Rows[0].Message);
        Assert.Equal("@TEXT truncated", readQc.Rows[1].Message);
        Assert.Null(readQc.Rows[1].Value);
        Assert.Equal(["donor"], readPopulations.DynamicColumns);
        Assert.Equal(-12.5, readMfi.Rows[0].Mean);

        Assert.Equal(summary.ToString(), Rewrite(w => ResultTables.WriteSummary(w, readSummary.DynamicColumns, readSummary.Rows)));
        Assert.Equal(fold.ToString(), Rewrite(w => ResultTables.WriteMfiFold(w, readFold.DynamicColumns, readFold.Rows)));
        Assert.Equal(qc.ToString(), Rewrite(w => ResultTables.WriteQc(w, readQc.Rows)));
        Assert.Equal(populations.ToString(), Rewrite(w => ResultTables.WritePopulations(w, readPopulations.DynamicColumns, readPopulations.Rows)));
        Assert.Equal(mfi.ToString(), Rewrite(w => ResultTables.WriteMfi(w, readMfi.Rows)));
    }

    [Fact]
    public void ReadQc_BadStatus_IsAFormatErrorNamingLineAndColumn()
    {
        var table = CsvReader.Read("sample,file,check,value,threshold,status,message\nS,s.fcs,purity,1,2,maybe,x\n");

        var error = Assert.Throws<FormatException>(() => ResultTableReader.ReadQc(table));

        Assert.Contains("line 2, column 'status'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSummary_MissingColumn_IsAFormatErrorNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => ResultTableReader.ReadSummary(CsvReader.Read("metric,treatment,n_donors,mean\n")));

        Assert.Contains("'sd'", error.Message, StringComparison.Ordinal);
    }

    private static string Rewrite(Action<TextWriter> write)
    {
        var text = new StringWriter();
        write(text);
        return text.ToString();
    }
}
