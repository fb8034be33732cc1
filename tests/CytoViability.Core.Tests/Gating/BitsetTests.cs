using CytoViability.Core.Gating;

namespace CytoViability.Core.Tests.Gating;

public sealed class BitsetTests
{
    [Fact]
    public void All_LengthNotAMultipleOf64_CountsExactlyLength()
    {
        Assert.Equal(130, Bitset.All(130).Count());
        Assert.Equal(0, Bitset.All(0).Count());
    }

    [Fact]
    public void Not_LeavesNoBitsPastTheEnd()
    {
        var set = new Bitset(70);
        set.Set(3);
        set.Set(69);

        var complement = set.Not();

        Assert.Equal(68, complement.Count());
        Assert.False(complement.IsSet(3));
        Assert.True(complement.IsSet(4));
        Assert.False(complement.IsSet(69));
    }

    [Fact]
    public void AndOr_CombineEventByEvent()
    {
        var a = new Bitset(200);
        var b = new Bitset(200);
        foreach (var i in new[] { 1, 64, 150 })
        {
            a.Set(i);
        }

        foreach (var i in new[] { 64, 150, 199 })
        {
            b.Set(i);
        }

        Assert.Equal([64, 150], a.And(b).Indices());
        Assert.Equal([1, 64, 150, 199], a.Or(b).Indices());
    }

    [Fact]
    public void IsSet_OutsideTheEvents_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bitset(10).IsSet(10));
    }
}
