using CytoViability.Core.Fcs;
using CytoViability.Core.Gating;

namespace CytoViability.Core.Tests.Fcs;

public sealed class SampleBuffersTests
{
    private const int Events = 100_000;

    [Fact]
    public void The_next_file_of_the_same_size_gets_the_columns_the_previous_file_gave_back()
    {
        var pool = new SampleBuffers();
        float[] firstChannel;
        double[] firstCompensated;
        using (pool.Open())
        {
            firstChannel = SampleBuffers.Floats(Events);
            firstCompensated = SampleBuffers.Doubles(Events);
        }

        Assert.Equal((4L * Events) + (8L * Events), pool.IdleBytes);
        using (pool.Open())
        {
            Assert.Same(firstChannel, SampleBuffers.Floats(Events));
            Assert.Same(firstCompensated, SampleBuffers.Doubles(Events));
            Assert.Equal(0, pool.IdleBytes);
        }
    }

    [Fact]
    public void A_file_of_another_size_gets_new_columns_and_the_pool_lets_go_of_as_much_as_it_took()
    {
        var pool = new SampleBuffers();
        using (pool.Open())
        {
            SampleBuffers.Doubles(Events);
            SampleBuffers.Doubles(Events);
        }

        using (pool.Open())
        {
            var larger = SampleBuffers.Doubles(150_000);
            Assert.Equal(150_000, larger.Length);

            // 1.2 MB wanted: both idle 0.8 MB arrays go, so idle plus in use never passes what was in use before.
            Assert.Equal(0, pool.IdleBytes);
        }
    }

    [Fact]
    public void A_placement_samples_pooled_columns_are_never_copied_by_the_collector()
    {
        // 10,000 events: 40 and 80 KB, small objects unless put elsewhere; the first collection of a run used to copy
        // such columns to an older generation, into fresh memory. Born in the oldest generation (the pinned object
        // heap), they are never compacted. No collection is forced here: tests run in parallel, and a forced
        // compacting collection would disturb the others (the huge-page tests watch the memory next to theirs).
        var pool = new SampleBuffers();
        using (pool.Open())
        {
            var channel = SampleBuffers.Floats(10_000);
            var compensated = SampleBuffers.Doubles(10_000);

            Assert.Equal(GC.MaxGeneration, GC.GetGeneration(channel));
            Assert.Equal(GC.MaxGeneration, GC.GetGeneration(compensated));
            Assert.Equal(0, GC.GetGeneration(new double[10_000]));
        }
    }

    [Fact]
    public void Outside_a_file_and_for_small_arrays_every_request_gets_a_fresh_array_of_the_exact_length()
    {
        var pool = new SampleBuffers();
        var outside = SampleBuffers.Floats(Events);
        Assert.NotSame(outside, SampleBuffers.Floats(Events));
        using (pool.Open())
        {
            Assert.Equal(100, SampleBuffers.Doubles(100).Length);
        }

        Assert.Equal(0, pool.IdleBytes);
    }

    [Theory]
    [InlineData(4_096)]
    [InlineData(Events)]
    [InlineData(1_000_000)]
    public void Membership_words_given_back_dirty_come_out_again_zeroed_so_a_new_membership_is_empty(int membershipEvents)
    {
        var pool = new SampleBuffers();
        ulong[] first;
        using (pool.Open())
        {
            first = SampleBuffers.Words(Bitset.WordCount(membershipEvents));
            Array.Fill(first, ulong.MaxValue);
        }

        Assert.Equal(8L * Bitset.WordCount(membershipEvents), pool.IdleBytes);
        using (pool.Open())
        {
            var membership = new Bitset(membershipEvents);
            Assert.Same(first, membership.Bits);
            Assert.Equal(0, membership.Count());
            Assert.All(first, word => Assert.Equal(0UL, word));
        }
    }

    [Fact]
    public void Memberships_of_at_most_4032_events_63_words_come_fresh_from_the_collector()
    {
        var pool = new SampleBuffers();
        using (pool.Open())
        {
            var membership = new Bitset(4_032);
            Assert.Equal(63, membership.Bits.Length);
        }

        Assert.Equal(0, pool.IdleBytes);
    }
}
