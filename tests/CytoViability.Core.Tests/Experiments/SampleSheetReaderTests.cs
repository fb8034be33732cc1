using CytoViability.Core.Experiments;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Experiments;

public sealed class SampleSheetReaderTests
{
    [Fact]
    public void DocumentedSheet_GivesRowsAndConditionColumns()
    {
        using var folder = new TempFolder();
        var path = folder.Write("samples.csv", """
            file,sample,donor,replicate,antibody,lenalidomide
            D01/D01_noab_1.fcs,D01-noab-1,D01,1,none,no
            D01/D01_noab_2.fcs,D01-noab-2,D01,2,none,no
            ./D01/D01_ritux_len_1.fcs,D01-ritux-len-1,D01,1,rituximab,yes

            D02/x.fcs,,,,"Daudi, lot 2",no
            """);
        var problems = new List<ConfigurationProblem>();

        var sheet = SampleSheetReader.Read(path, folder.Path, problems);

        Assert.Empty(problems);
        Assert.NotNull(sheet);
        Assert.Equal(["antibody", "lenalidomide"], sheet.Columns);
        Assert.Equal(4, sheet.Rows.Count);
        Assert.Equal("D01/D01_ritux_len_1.fcs", sheet.Rows[2].File);
        Assert.Equal(("D01-noab-2", "D01", "2"), (sheet.Rows[1].Sample, sheet.Rows[1].Donor, sheet.Rows[1].Replicate));
        Assert.Equal("rituximab", sheet.Rows[2].Values["antibody"]);
        Assert.Null(sheet.Rows[3].Sample);
        Assert.Equal("Daudi, lot 2", sheet.Rows[3].Values["antibody"]);
        Assert.Equal(6, sheet.Rows[3].Line);
    }

    [Fact]
    public void RowsOutsideTheFolder_AreRefusedOneByOne_TheRestKept()
    {
        using var folder = new TempFolder();
        var path = folder.Write("samples.csv", "file,donor\n../other/a.fcs,D1\n/etc/passwd,D1\nok.fcs,D1\n");

        var sheet = SampleSheetReader.Read(path, folder.Path, [])!;

        Assert.Equal("ok.fcs", Assert.Single(sheet.Rows).File);
        Assert.Equal(["../other/a.fcs", "/etc/passwd"], sheet.Refused.Select(r => r.File));
        Assert.Equal([2, 3], sheet.Refused.Select(r => r.Line));
    }

    [Fact]
    public void ASheetsSha256_IsThatOfTheBytesItWasReadFrom()
    {
        using var folder = new TempFolder();
        var path = folder.Write("samples.csv", "file,donor\nA.fcs,D1\n");

        var sheet = SampleSheetReader.Read(path, folder.Path, [], containedIn: folder.Path)!;

        // sha256sum of the same 21 bytes.
        Assert.Equal("58bd52d4efe4feb28ea44f14b9cd3f229f5d8c2b13f1fb6316a1b46afb1dde7c", sheet.Sha256);
    }

    [Theory]
    [InlineData("sample,donor\na,b\n", 1, 1, "needs a 'file' column")]
    [InlineData("file,donor,Donor\na.fcs,1,2\n", 1, 3, "column 'donor' appears twice")]
    [InlineData("file,donor\na.fcs,1\na.fcs,2\n", 3, 1, "already listed on line 2")]
    [InlineData("file,sample\na.fcs,s\nb.fcs,s\n", 3, 2, "sample 's' is already used on line 2")]
    [InlineData("file,donor\na.fcs\n", 2, 1, "row has 1 cells for 2 columns")]
    [InlineData("file,dose (ug/mL)\na.fcs,1\n", 1, 2, "not a usable name")]
    public void StructuralProblems_AreConfigurationErrors(string csv, int line, int column, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.Write("samples.csv", csv);
        var problems = new List<ConfigurationProblem>();

        Assert.Null(SampleSheetReader.Read(path, folder.Path, problems));
        var problem = Assert.Single(problems);
        Assert.Equal(new TextPosition(line, column), problem.Position);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }
}
