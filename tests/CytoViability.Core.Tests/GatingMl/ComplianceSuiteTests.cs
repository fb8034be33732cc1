using CytoViability.Core.Fcs;
using CytoViability.Core.Gating;
using CytoViability.Core.GatingMl;

namespace CytoViability.Core.Tests.GatingMl;

/// <summary>
/// The ISAC Gating-ML 2.0 compliance suite (set 1, tests/data/gatingml2): every gate of tests.tsv against its
/// truth file, exact on every one of the 13,367 events of data1.fcs; the all-gates document; and the same after
/// writing the strategy back to Gating-ML and reading it again.
/// </summary>
public sealed class ComplianceSuiteTests
{
    private static readonly Lazy<FcsDataSet> Data = new(() => FcsReader.ReadFile(Path.Combine(TestPaths.GatingMl2, "data1.fcs")).DataSets[0]);

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var (xml, gate, truth) in ReadCases())
        {
            cases.Add(xml, gate, truth);
        }

        return cases;
    }

    [Fact]
    public void TestsTable_Lists51GateChecksCoveringAll51TruthFiles()
    {
        var cases = ReadCases();
        var truthFiles = Directory.GetFiles(Path.Combine(TestPaths.GatingMl2, "truth"), "Results_*.txt").Select(Path.GetFileName).ToHashSet();

        Assert.Equal(51, cases.Count);
        Assert.Equal(51, truthFiles.Count);
        Assert.True(truthFiles.SetEquals(cases.Select(c => c.Truth)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gate_MatchesItsTruthOnEveryEvent(string xml, string gateId, string truthFile)
    {
        var strategy = GatingMlReader.ReadFile(Path.Combine(TestPaths.GatingMl2, "gml", xml));

        var result = strategy.Evaluate(Data.Value);

        AssertMatchesTruth(result, gateId, truthFile);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gate_AfterExportAndReimport_StillMatchesItsTruth(string xml, string gateId, string truthFile)
    {
        var original = GatingMlReader.ReadFile(Path.Combine(TestPaths.GatingMl2, "gml", xml));
        using var buffer = new MemoryStream();
        GatingMlWriter.Write(original, buffer);
        buffer.Position = 0;

        var reread = GatingMlReader.Read(buffer, "exported " + xml);

        Assert.Equal(original.PopulationIds, reread.PopulationIds);
        AssertMatchesTruth(reread.Evaluate(Data.Value), gateId, truthFile);
    }

    [Fact]
    public void AllGatesDocument_Every49PopulationMatchesItsTruth()
    {
        var strategy = GatingMlReader.ReadFile(Path.Combine(TestPaths.GatingMl2, "gml", "gml_all_gates.xml"));

        var result = strategy.Evaluate(Data.Value);

        Assert.Equal(49, strategy.PopulationIds.Count);
        var failures = new List<string>();
        foreach (var id in strategy.PopulationIds)
        {
            var differing = Differences(result.Membership(id), ReadTruth("Results_" + id + ".txt"));
            if (differing.Count > 0)
            {
                failures.Add(id + " (" + differing.Count + " events)");
            }
        }

        Assert.True(failures.Count == 0, "gates differing from truth: " + string.Join(", ", failures));
    }

    [Fact]
    public void Quadrant1_FourQuadrantsPartitionAllEvents()
    {
        var strategy = GatingMlReader.ReadFile(Path.Combine(TestPaths.GatingMl2, "gml", "gml_quadrant1_gate.xml"));

        var result = strategy.Evaluate(Data.Value);

        var union = new Bitset(result.EventCount);
        var total = 0;
        foreach (var id in new[] { "FL2N-FL4N", "FL2N-FL4P", "FL2P-FL4N", "FL2P-FL4P" })
        {
            union.OrWith(result.Membership(id));
            total += result.Count(id);
        }

        Assert.Equal(13_367, total);
        Assert.Equal(13_367, union.Count());
    }

    [Fact]
    public void RangeInsideUnknownElement_IsStillFound()
    {
        var strategy = GatingMlReader.ReadFile(Path.Combine(TestPaths.GatingMl2, "gml", "gml_range_gate_attr_testing.xml"));

        var result = strategy.Evaluate(Data.Value);

        Assert.Empty(Differences(result.Membership("Range1"), ReadTruth("Results_Range1.txt")));
    }

    private static void AssertMatchesTruth(GatingResult result, string gateId, string truthFile)
    {
        var truth = ReadTruth(truthFile);
        Assert.Equal(truth.Length, result.EventCount);
        var differing = Differences(result.Membership(gateId), truth);
        Assert.True(differing.Count == 0, gateId + " differs from " + truthFile + " on " + differing.Count + " events, first (0-based): " + string.Join(", ", differing.Take(10)));
    }

    private static List<int> Differences(Bitset membership, bool[] truth)
    {
        var differing = new List<int>();
        for (var i = 0; i < truth.Length; i++)
        {
            if (membership.IsSet(i) != truth[i])
            {
                differing.Add(i);
            }
        }

        return differing;
    }

    private static bool[] ReadTruth(string truthFile)
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.GatingMl2, "truth", truthFile));
        return [.. lines.Select(line => line switch
        {
            "1" => true,
            "0" => false,
            _ => throw new InvalidDataException(truthFile + ": line '" + line + "' is neither 0 nor 1"),
        })];
    }

    private static List<(string Xml, string Gate, string Truth)> ReadCases()
    {
        var cases = new List<(string, string, string)>();
        foreach (var line in File.ReadLines(Path.Combine(TestPaths.GatingMl2, "tests.tsv")).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length > 3 && cells[3].StartsWith("Results_", StringComparison.Ordinal) && cells[3].EndsWith(".txt", StringComparison.Ordinal))
            {
                cases.Add((cells[1], cells[2], cells[3]));
            }
        }

        return cases;
    }
}
