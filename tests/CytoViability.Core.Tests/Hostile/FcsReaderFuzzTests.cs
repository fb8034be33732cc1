using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Mutation fuzzing of the FCS reader with a fixed seed: every mutant is read or refused with the reader's own
/// exception naming file, segment and offset; no other exception, no hang, no allocation beyond what the file's
/// size justifies. The default budget is short (<see cref="FuzzBudget"/>); CYTOVIABILITY_FUZZ_BUDGET=long or
/// CYTOVIABILITY_FUZZ_MUTANTS ask for a longer run (docs/fuzzing.md); violating inputs are saved
/// under CYTOVIABILITY_FUZZ_FINDINGS (default: the temp folder) to become regression files.
/// </summary>
public sealed class FcsReaderFuzzTests(ITestOutputHelper output)
{
    private const int ShortMutants = 1_000;
    private const int LongMutants = 24_000;
    private const int MaximumReported = 10;

    [Fact]
    public void MutatedFiles_AreReadOrRefusedWithFileSegmentAndOffset_NeverAnythingElse()
    {
        var seeds = FcsSeedCorpus.Load();
        Assert.True(seeds.Count >= 60, "only " + seeds.Count + " seeds");
        var mutants = FuzzBudget.Mutants(ShortMutants, LongMutants);
        var randomSeed = int.TryParse(Environment.GetEnvironmentVariable("CYTOVIABILITY_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 20261129;
        var random = new Random(randomSeed);
        var mutator = new FcsMutator(random);
        var violations = new List<string>();
        var (read, refused) = (0, 0);
        for (var i = 0; i < mutants && violations.Count < MaximumReported; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var bytes = mutator.Mutate(seed, seeds);
            var source = "mutant-" + i.ToString(CultureInfo.InvariantCulture) + ".fcs";
            var violation = FcsReadProbe.Violation(bytes, source, out var wasRefused);
            if (violation is not null)
            {
                violations.Add(seed.Name + " -> " + Save(bytes) + ": " + violation);
                continue;
            }

            (read, refused) = wasRefused ? (read, refused + 1) : (read + 1, refused);
        }

        Assert.True(violations.Count == 0, violations.Count + " violations:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
        output.WriteLine("FCS fuzz: " + mutants + " mutants from " + seeds.Count + " seeds (random seed " + randomSeed + "): " + read + " read, " + refused + " refused");
        // A fuzzer whose mutants are all refused at the HEADER, or all read untouched, tests nothing.
        Assert.True(read >= mutants / 20, "only " + read + " of " + mutants + " mutants were read");
        Assert.True(refused >= mutants / 4, "only " + refused + " of " + mutants + " mutants were refused");
    }

    [Fact]
    public void EverySeed_IsReadOrRefusedProperly()
    {
        foreach (var seed in FcsSeedCorpus.Load())
        {
            var violation = FcsReadProbe.Violation(seed.Bytes, seed.Name, out _);
            Assert.True(violation is null, seed.Name + ": " + violation);
        }
    }

    [Theory]
    [InlineData("$TOT", "1000000000000")]
    [InlineData("$TOT", "4294967296")]
    [InlineData("$TOT", "2147483647")]
    [InlineData("$PAR", "2147483647")]
    [InlineData("$PAR", "100000000")]
    [InlineData("$P1B", "2147483647")]
    public void HugeClaimedSizes_AreRefusedBeforeAllocating(string key, string value)
    {
        var seed = FcsSeed.Parse(WriterFile())!;
        seed.Set(key, value);
        var bytes = seed.ToBytes();
        var source = "huge-" + key + ".fcs";

        var violation = FcsReadProbe.Violation(bytes, source, out var refused);

        Assert.Null(violation);
        Assert.True(refused, key + "=" + value + " in a " + bytes.Length + "-byte file was read instead of refused");
    }

    [Fact]
    public void TenToTheTwelveEvents_RefusedWithinAMegabyteOfAllocation()
    {
        var seed = FcsSeed.Parse(WriterFile())!;
        seed.Set("$TOT", "1000000000000");
        var bytes = seed.ToBytes();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var exception = Assert.Throws<FcsFormatException>(() => FcsReader.Read(bytes, "claims-1e12.fcs"));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < (1 << 20), "allocated " + allocated + " bytes before refusing");
        Assert.Null(FcsReadProbe.MessageProblem(exception, "claims-1e12.fcs"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NextDataChainPointingBack_IsRefusedOrReadOnce_NotLooped(bool negative)
    {
        // $NEXTDATA is relative to the current data set's start. The second set points back: to the first set
        // (negative), or, for a reader that took offsets as absolute, to itself. Either way the chain must end.
        var first = FcsSeed.Parse(WriterFile())!;
        first.Set("$NEXTDATA", "0000000000");
        var length = first.ToBytes().Length;
        first.Set("$NEXTDATA", length.ToString("D10", CultureInfo.InvariantCulture));
        var second = first.Clone();
        second.Set("$NEXTDATA", negative ? "-" + length.ToString("D9", CultureInfo.InvariantCulture) : length.ToString("D10", CultureInfo.InvariantCulture));
        var firstBytes = first.ToBytes();
        Assert.Equal(length, firstBytes.Length);
        var bytes = (byte[])[.. firstBytes, .. second.ToBytes()];

        var violation = FcsReadProbe.Violation(bytes, "loop.fcs", out var refused);

        Assert.Null(violation);
        if (!refused)
        {
            Assert.True(FcsReader.Read(bytes, "loop.fcs").DataSets.Count <= 2);
        }
    }

    internal static byte[] WriterFile()
    {
        var parameters = new[] { new FcsWriteParameter("FSC-A", null, 262144), new FcsWriteParameter("FITC-A", "DiOC6", 262144) };
        var columns = new[] { new[] { 1f, 2f, 3f }, new[] { 4f, 5f, 6f } };
        using var stream = new MemoryStream();
        FcsWriter.Write(stream, new FcsWriteDataSet(parameters, columns, []));
        return stream.ToArray();
    }

    private static string Save(byte[] bytes)
    {
        var folder = Environment.GetEnvironmentVariable("CYTOVIABILITY_FUZZ_FINDINGS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "cytoviability-fuzz-findings");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + ".fcs");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
