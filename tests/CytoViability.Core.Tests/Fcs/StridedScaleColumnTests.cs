using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

/// <summary>Gate placement reads every k-th event of a file; those values are the file's scale values, gain applied.</summary>
public sealed class StridedScaleColumnTests
{
    [Fact]
    public void Every_second_event_of_a_float_column_with_a_gain_is_its_value_over_the_gain()
    {
        // Five float32 events 2, 4, 6, 8, 10 (big-endian) with $P1G = 2: scale values 1, 2, 3, 4, 5.
        var keywords = HandBuiltFcs.ListMode("F", "4,3,2,1", 5, ("FSC-A", 32, "262144"));
        keywords.Add(("$P1G", "2"));
        byte[] data = [0x40, 0x00, 0, 0, 0x40, 0x80, 0, 0, 0x40, 0xC0, 0, 0, 0x41, 0x00, 0, 0, 0x41, 0x20, 0, 0];
        var dataSet = FcsReader.Read(new HandBuiltFcs { Keywords = keywords, Data = data }.Build(), "hand-built").DataSets[0];

        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], dataSet.ScaleColumn(0));
        Assert.Equal([1.0, 3.0, 5.0], dataSet.ScaleColumn(0, 2));
        Assert.Equal([1.0, 4.0], dataSet.ScaleColumn(0, 3));
        Assert.Equal([1.0], dataSet.ScaleColumn(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => dataSet.ScaleColumn(0, 0));
    }
}
