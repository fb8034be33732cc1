using CytoViability.Core.Experiments;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Output;
using CytoViability.Core.Placement;
using CytoViability.Core.Qc;
using CytoViability.Core.Runs;
using CytoViability.Core.Runs.Sharding;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Runs;

/// <summary>
/// Gate positions computed from pooled data must not depend on sharding: the placement histograms each shard sums
/// (written to disk and read back) add up to the whole run's, and every group's position, reason and diagnostics
/// come out the same bit for bit. And a sample's results survive the trip through a shard's record file exactly.
/// </summary>
public sealed class ShardedPlacementTests
{
    private static (PlacementPlan Plan, ExperimentPlan Experiment, List<SamplePlacement> Samples) PooledExperiment()
    {
        var template = ShippedTemplates.Load("dioc6-pi-viability", Path.GetTempPath()).Template!;
        var plan = new PlacementPlan(CompiledTemplate.Compile(template));
        Assert.True(plan.HasComputed);
        var experiment = new ExperimentPlan(Path.GetTempPath(), [], [], ["treatment"], ["treatment"], []);
        var random = new Random(11);
        var samples = new List<SamplePlacement>();
        foreach (var donor in new[] { "CLL01", "CLL02", "CLL03" })
        {
            foreach (var treatment in new[] { "UT", "LEN", "CD40L" })
            {
                var histograms = new Dictionary<string, AxisHistogram>(StringComparer.Ordinal);
                foreach (var coordinate in plan.Coordinates.Where(c => c.Computed is not null))
                {
                    // Two populations on the axis, in proportions that differ per well, plus a few events off the axis.
                    var histogram = plan.Axes.Histogram(coordinate.Channel);
                    var span = histogram.Maximum - histogram.Minimum;
                    var share = 0.2 + (0.6 * random.NextDouble());
                    for (var i = 0; i < 4000; i++)
                    {
                        var centre = random.NextDouble() < share ? 0.3 : 0.7;
                        histogram.Add(histogram.Minimum + (span * (centre + (0.06 * Gaussian(random)))));
                    }

                    histogram.Add(histogram.Maximum + span);
                    histogram.Add(double.NaN);
                    histograms[coordinate.Key] = histogram;
                }

                var sample = donor + "_" + treatment;
                samples.Add(new SamplePlacement(new SampleMetadata(sample, sample + ".fcs", donor, "1", [treatment]), histograms, new Dictionary<string, PlacementResult>()));
            }
        }

        return (plan, experiment, samples);
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void PositionsFromTheShardsSummedHistograms_AreTheWholeRunsBitForBit(int shards)
    {
        var (plan, experiment, samples) = PooledExperiment();
        var whole = RunPlacement.Decide(plan, experiment, [], samples);

        // Shards take the wells in an order unlike the run's, and are added up last shard first.
        var total = PlacementSums.Empty(plan);
        for (var shard = shards - 1; shard >= 0; shard--)
        {
            var own = samples.Where((_, i) => (i * 5) % shards == shard).Reverse().Cast<SamplePlacement?>().ToList();
            total.Merge(RoundTrip(RunPlacement.Pool(plan, experiment, own), plan));
        }

        var sharded = RunPlacement.FromSums(plan, experiment, [], total);

        Assert.NotEmpty(whole.Groups);
        Assert.Equal(whole.Groups.Keys.Order(), sharded.Groups.Keys.Order());
        foreach (var (key, groups) in whole.Groups)
        {
            Assert.Equal(groups.Keys.Order(), sharded.Groups[key].Keys.Order());
            foreach (var (group, expected) in groups)
            {
                var actual = sharded.Groups[key][group];
                Assert.Equal(Bits(expected.Position), Bits(actual.Position));
                Assert.Equal(expected.Reason, actual.Reason);
                Assert.Equal(expected.Diagnostics.OrderBy(d => d.Key).Select(d => (d.Key, BitConverter.DoubleToInt64Bits(d.Value))), actual.Diagnostics.OrderBy(d => d.Key).Select(d => (d.Key, BitConverter.DoubleToInt64Bits(d.Value))));
            }
        }

        Assert.Contains(whole.Groups.Values.SelectMany(g => g.Values), r => r.Position is not null);
        foreach (var sample in samples)
        {
            var expected = whole.For(sample.Metadata, sample);
            var actual = sharded.For(sample.Metadata, sample);
            Assert.Equal(expected.Values.OrderBy(v => v.Key).Select(v => (v.Key, BitConverter.DoubleToInt64Bits(v.Value))), actual.Values.OrderBy(v => v.Key).Select(v => (v.Key, BitConverter.DoubleToInt64Bits(v.Value))));
            Assert.Equal(expected.Qc.Select(q => q.Message), actual.Qc.Select(q => q.Message));
        }
    }

    [Fact]
    public void PooledHistogramsOfAShard_CountEveryEventOfItsWells()
    {
        var (plan, experiment, samples) = PooledExperiment();
        var mine = samples.Take(4).Cast<SamplePlacement?>().ToList();

        var sums = RoundTrip(RunPlacement.Pool(plan, experiment, mine), plan);

        foreach (var (key, pool) in sums.Pools)
        {
            // 4,000 drawn events, one above the axis, one NaN per well: four wells.
            Assert.Equal(4 * 4001, pool.Run.Total);
            Assert.Equal(4, pool.Run.NonFinite);
            Assert.Equal(4 * 4001, pool.Groups.Values.Sum(h => h.Total));
            Assert.Equal(mine.Sum(s => s!.Histograms[key].Above), pool.Run.Above);
        }
    }

    [Fact]
    public void ASamplesResults_ComeBackFromItsShardRecord_BitForBit()
    {
        var metadata = new SampleMetadata("CLL01 é/ß", "D1/CLL01.fcs", "CLL01", "2", ["len", ""]);
        var awkward = new[] { double.NaN, -0.0, double.Epsilon, double.MaxValue, 1.0 / 3.0, double.NegativeInfinity };
        var result = new SampleResult(
            metadata,
            [new PopulationRow("CLL01 é/ß", "D1/CLL01.fcs", "viable", "cells", 1234, 5678, 1.0 / 3.0, double.NaN, ["CLL01", "2", "len", ""])],
            [new MfiRow("CLL01 é/ß", "viable", "CD40L", "CD40L APC-Cy7", awkward[0], awkward[1], awkward[2], 17, awkward[3], awkward[4], awkward[5], 999)],
            [new QcRow("CLL01 é/ß", "D1/CLL01.fcs", "saturation_max", -0.0, null, QcStatus.Warn, "3.1 % of FSC-A at its maximum")],
            new Dictionary<string, long> { ["all"] = 10_000, ["cells"] = 5678, ["viable"] = 1234 },
            Math.PI,
            [new GateRow("CLL01 é/ß", "D1/CLL01.fcs", "dioc6_pi", "DiOC6", 4321.125, "valley", "run", "computed")],
            [new PopulationMedian("viable", "DiOC6", double.Epsilon)]);
        var outcome = new SampleOutcome("D1/CLL01.fcs", result, [], new string('a', 64), 123_456, 10_000, 12.5);
        var failed = new SampleOutcome("D1/broken.fcs", null, [new QcRow("broken", "D1/broken.fcs", "unreadable_file", null, 3, QcStatus.Fail, "ends early " + new string('→', 120))], null, 0, 0, 0.25);

        foreach (var original in new[] { outcome, failed })
        {
            using var buffer = new MemoryStream();
            using (var writer = ShardBinary.Writer(buffer))
            {
                ShardBinary.WriteOutcome(writer, original);
            }

            buffer.Position = 0;
            using var reader = ShardBinary.Reader(buffer);
            var copy = ShardBinary.ReadOutcome(reader);
            Assert.Equal(buffer.Length, buffer.Position);
            Assert.Equal((original.File, original.Sha256, original.Bytes, original.Events, original.Milliseconds), (copy.File, copy.Sha256, copy.Bytes, copy.Events, copy.Milliseconds));
            Assert.Equal(original.Failures, copy.Failures);
            Assert.Equal(original.Result is null, copy.Result is null);
        }

        var back = RoundTrip(outcome).Result!;
        Assert.Equal(metadata.Values, back.Metadata.Values);
        Assert.Equal((metadata.Sample, metadata.File, metadata.Donor, metadata.Replicate), (back.Metadata.Sample, back.Metadata.File, back.Metadata.Donor, back.Metadata.Replicate));
        var population = Assert.Single(back.Populations);
        Assert.Equal(result.Populations[0] with { Metadata = population.Metadata }, population);
        Assert.Equal(result.Populations[0].Metadata, population.Metadata);
        var mfi = Assert.Single(back.Mfi);
        Assert.Equal(awkward.Select(BitConverter.DoubleToInt64Bits), new[] { mfi.Mean, mfi.Median, mfi.GeometricMean, mfi.DisplayMean, mfi.Cv, mfi.RobustCv }.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal((17L, 999L, "CD40L APC-Cy7"), (mfi.NonPositiveCount, mfi.Count, mfi.Marker));
        var qc = Assert.Single(back.Qc);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(qc.Value!.Value));
        Assert.Equal(result.Qc[0] with { Value = qc.Value }, qc);
        Assert.Equal(result.Counts.ToList(), back.Counts.ToList());
        Assert.Equal(BitConverter.DoubleToInt64Bits(Math.PI), BitConverter.DoubleToInt64Bits(back.FoldStatistic));
        Assert.Equal(result.Gates, back.Gates);
        Assert.Equal(result.Medians, back.Medians);
    }

    [Fact]
    public void ASamplesPlacement_ComesBackFromItsShardMap_EveryHistogramCountAndOwnEstimateAsCounted()
    {
        var (_, _, samples) = PooledExperiment();
        var original = samples[4];
        var key = original.Histograms.Keys.First();
        var own = new Dictionary<string, PlacementResult>(StringComparer.Ordinal) { [key] = new PlacementResult(0.4375, null, new Dictionary<string, double>(StringComparer.Ordinal) { ["prominence"] = 0.25 }) };
        original = original with { Own = own };
        using var buffer = new MemoryStream();
        using (var writer = ShardBinary.Writer(buffer))
        {
            writer.Write(0x5eed);
            ShardBinary.WritePlacement(writer, original);
        }

        var map = buffer.ToArray();
        var copy = ReadPlacement(map);

        Assert.Equal(original.Histograms.Keys.Order(StringComparer.Ordinal), copy.Histograms.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, histogram) in original.Histograms)
        {
            var back = copy.Histograms[name];
            Assert.Equal((histogram.Minimum, histogram.Maximum, histogram.Below, histogram.Above, histogram.NonFinite, histogram.InRange), (back.Minimum, back.Maximum, back.Below, back.Above, back.NonFinite, back.InRange));
            Assert.Equal(histogram.Counts.ToArray(), back.Counts.ToArray());
            Assert.Equal(1, back.Above);
            Assert.Equal(1, back.NonFinite);
        }

        Assert.Equal(0.4375, copy.Own[key].Position);
        Assert.Equal(0.25, copy.Own[key].Diagnostics["prominence"]);
        Assert.Equal(original.Metadata.Values, copy.Metadata.Values);

        // A count that does not fit a non-negative long is refused as the map is read, before any histogram is asked for.
        // The first histogram written (keys in ordinal order): its maximum, then below 0, above 1 and non-finite 1 (a byte
        // each) and the bin count (two bytes), then the counts.
        var first = original.Histograms[original.Histograms.Keys.Order(StringComparer.Ordinal).First()];
        var firstCount = map.AsSpan().IndexOf(BitConverter.GetBytes(first.Maximum)) + 8 + 3 + 2;
        Assert.Equal(first.Counts[0], map[firstCount]);
        Assert.Throws<InvalidDataException>(() => ReadPlacement([.. map[..firstCount], 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, .. map[(firstCount + 1)..]]));
    }

    private static SamplePlacement ReadPlacement(byte[] map)
    {
        using var stream = new MemoryStream(map, writable: false);
        using var reader = ShardBinary.Reader(stream);
        Assert.Equal(0x5eed, reader.ReadInt32());
        return ShardBinary.ReadPlacement(reader, map);
    }

    private static SampleOutcome RoundTrip(SampleOutcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var writer = ShardBinary.Writer(buffer))
        {
            ShardBinary.WriteOutcome(writer, outcome);
        }

        buffer.Position = 0;
        using var reader = ShardBinary.Reader(buffer);
        return ShardBinary.ReadOutcome(reader);
    }

    private static PlacementSums RoundTrip(PlacementSums sums, PlacementPlan plan)
    {
        using var buffer = new MemoryStream();
        using (var writer = ShardBinary.Writer(buffer))
        {
            ShardBinary.WriteSums(writer, sums);
        }

        buffer.Position = 0;
        using var reader = ShardBinary.Reader(buffer);
        return ShardBinary.ReadSums(reader, plan, "test");
    }

    private static long? Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v) : null;
}
