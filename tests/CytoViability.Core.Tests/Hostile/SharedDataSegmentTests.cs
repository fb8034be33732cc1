using System.Globalization;
using System.Text;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Issue 14 item 11: one file whose $NEXTDATA chain holds many data sets that all point at one DATA segment used to be
/// decoded once per data set (100 × 50 MB). Data sets must not share bytes: such a file is refused before any event
/// is decoded; a run decodes only the data set it gates.
/// </summary>
public sealed class SharedDataSegmentTests
{
    private const int HeaderAndTextBytes = 400;

    /// <summary>
    /// <paramref name="dataSets"/> HEADER+TEXT blocks of 400 bytes each, chained by $NEXTDATA, then one DATA segment of
    /// <paramref name="events"/> float32 events of FSC-A (value = event number). With <paramref name="shared"/> every
    /// data set points at that one segment; otherwise only the last does and the others have no events.
    /// </summary>
    internal static byte[] Chain(int dataSets, int events, bool shared = true)
    {
        var dataBegin = (long)dataSets * HeaderAndTextBytes;
        var dataEnd = dataBegin + (4L * events) - 1;
        var file = new List<byte>();
        for (var k = 0; k < dataSets; k++)
        {
            long start = k * HeaderAndTextBytes;
            var pointsAtData = shared || k == dataSets - 1;
            var next = k == dataSets - 1 ? 0 : HeaderAndTextBytes;
            var (begin, end) = pointsAtData ? (dataBegin - start, dataEnd - start) : (0L, 0L);
            var text = "/$BYTEORD/1,2,3,4/$DATATYPE/F/$MODE/L/$PAR/1/$TOT/" + (pointsAtData ? events : 0).ToString(CultureInfo.InvariantCulture)
                + "/$P1N/FSC-A/$P1B/32/$P1R/262144/$NEXTDATA/" + next.ToString(CultureInfo.InvariantCulture)
                + "/$BEGINDATA/" + begin.ToString(CultureInfo.InvariantCulture) + "/$ENDDATA/" + end.ToString(CultureInfo.InvariantCulture) + "/";
            text = text.PadRight(HeaderAndTextBytes - 58 - 1, ' ') + "/";
            var header = "FCS3.1    " + string.Concat(new long[] { 58, HeaderAndTextBytes - 1, begin, end, 0, 0 }.Select(v => v.ToString(CultureInfo.InvariantCulture).PadLeft(8)));
            file.AddRange(Encoding.ASCII.GetBytes(header + text));
        }

        for (var e = 0; e < events; e++)
        {
            file.AddRange(BitConverter.GetBytes((float)e));
        }

        return [.. file];
    }

    [Fact]
    public void A_hundred_data_sets_sharing_one_DATA_segment_are_refused_naming_the_second_and_its_offset()
    {
        var error = Assert.Throws<FcsFormatException>(() => FcsReader.Read(Chain(100, 10_000), "shared.fcs"));

        Assert.Equal(HeaderAndTextBytes, error.Offset);
        Assert.Contains("shared.fcs", error.Message, StringComparison.Ordinal);
        Assert.Contains("data set 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("overlaps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_sets_that_do_not_share_bytes_are_all_read()
    {
        var file = FcsReader.Read(Chain(3, 100, shared: false), "chain.fcs");

        Assert.Equal(3, file.DataSets.Count);
        Assert.Equal(0, file.DataSets[0].EventCount);
        Assert.Equal(99f, file.DataSets[2].Column(0)[99]);
    }

    [Fact]
    public void Reading_only_the_first_data_sets_events_still_counts_and_describes_the_others()
    {
        var file = FcsReader.Read(Chain(3, 100, shared: false), "chain.fcs", new FcsReadOptions { EventsOfFirstDataSetOnly = true });

        Assert.Equal(3, file.DataSets.Count);
        Assert.True(file.DataSets[0].HasEvents);
        Assert.False(file.DataSets[2].HasEvents);
        Assert.Equal(100, file.DataSets[2].EventCount);
    }
}
