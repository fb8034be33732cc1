using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Hostile inputs kept byte for byte under Hostile/Regressions: every input that once broke the reader's promise
/// (found by the fuzzers), and hand-made classics (HTML saved as .fcs, empty, HEADER only, TEXT cut short, no
/// delimiter, 10^12 events, $PAR and $PnB of 2^31-1, a $NEXTDATA chain pointing at itself). A file named
/// `*.read.fcs` has a readable first part and must be read with a warning; every other one must be refused with
/// file, segment and offset. All within the time and allocation limits.
/// </summary>
public sealed class FcsRegressionTests
{
    public static TheoryData<string> RegressionFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "tests", "CytoViability.Core.Tests", "Hostile", "Regressions"), "*.fcs").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegressionFiles))]
    public void RegressionFile_IsReadOrRefusedProperly(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "tests", "CytoViability.Core.Tests", "Hostile", "Regressions", name));

        var violation = FcsReadProbe.Violation(bytes, name, out var refused);

        Assert.Null(violation);
        if (name.EndsWith(".read.fcs", StringComparison.Ordinal))
        {
            Assert.False(refused, name + " was refused");
            Assert.Contains(FcsReader.Read(bytes, name).DataSets, dataSet => dataSet.Warnings.Count > 0);
        }
        else
        {
            Assert.True(refused, name + " was read as if it were a valid file");
        }
    }
}
