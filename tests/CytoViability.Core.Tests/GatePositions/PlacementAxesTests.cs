using CytoViability.Core.GatePositions;
using CytoViability.Core.Placement;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.GatePositions;

/// <summary>
/// <see cref="PlacementAxes.Fill"/> (and <see cref="AxisHistogram.AddCoded"/> from events binned once, <see cref="PlacementAxes.CountedBins"/>) counts every
/// k-th event that is a member of the population, on the alias's axis: compared with the rule written out one event at
/// a time (test the bit, transform the value, add it).
/// </summary>
public sealed class PlacementAxesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 10_000)]
    [InlineData(10, 100_000)]
    [InlineData(7, 1_000)]
    [InlineData(3, 130)]
    public void Counts_every_kth_member_event_on_the_axis(int stride, int events)
    {
        var compiled = CompiledTemplate.Compile(ShippedTemplates.Load("dioc6-pi-viability", Path.GetTempPath()).Template!);
        var axes = new PlacementAxes(compiled);
        var random = new Random(stride * 31 + events);
        var data = new double[events];
        for (var i = 0; i < events; i++)
        {
            data[i] = random.Next(8) switch
            {
                0 => double.NaN,
                1 => -random.NextDouble() * 1000,
                2 => 300_000 * random.NextDouble(),
                _ => 262_144 * random.NextDouble(),
            };
        }

        // Members in runs and singly, so whole words, empty words and mixed words all occur.
        var membership = new ulong[(events + 63) / 64];
        for (var i = 0; i < events; i++)
        {
            var member = ((i / 200) % 3) switch
            {
                0 => true,
                1 => false,
                _ => random.Next(2) == 0,
            };
            if (member)
            {
                membership[i >> 6] |= 1UL << (i & 63);
            }
        }

        var transformed = compiled.Transforms.First();
        foreach (var (alias, transform) in new[] { (transformed.Key, transformed.Value), ("not-a-template-channel", null) })
        {
            var expected = axes.Histogram(alias);
            for (var i = 0; i < events; i += stride)
            {
                if ((membership[i / 64] & (1UL << (i % 64))) != 0)
                {
                    expected.Add(transform is null ? data[i] : transform.Forward(data[i]));
                }
            }

            var actual = axes.Histogram(alias);
            axes.Fill(actual, alias, data, membership, stride);

            var fromCounted = axes.Histogram(alias);
            var codes = new ushort[((events - 1) / stride) + 1];
            axes.CountedBins(alias, data, stride, codes);
            fromCounted.AddCoded(codes, membership, stride);

            Assert.True(expected.Total > 0);
            foreach (var histogram in new[] { actual, fromCounted })
            {
                Assert.Equal(expected.Counts.ToArray(), histogram.Counts.ToArray());
                Assert.Equal(expected.Below, histogram.Below);
                Assert.Equal(expected.Above, histogram.Above);
                Assert.Equal(expected.NonFinite, histogram.NonFinite);
            }
        }
    }

    [Fact]
    public void Membership_shorter_than_the_counted_events_is_refused()
    {
        var axes = new PlacementAxes(CompiledTemplate.Compile(ShippedTemplates.Load("dioc6-pi-viability", Path.GetTempPath()).Template!));
        var histogram = axes.Histogram("not-a-template-channel");

        Assert.Throws<ArgumentException>(() => axes.Fill(histogram, "not-a-template-channel", new double[65], [ulong.MaxValue], 1));
        axes.Fill(histogram, "not-a-template-channel", new double[65], [ulong.MaxValue], 65);
        Assert.Equal(1, histogram.Total);
    }
}
