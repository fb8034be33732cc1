using CytoViability.Core.Transforms;
using CytoViability.Reports.Plots;

namespace CytoViability.Reports.Tests.Plots;

public sealed class AxisTicksTests
{
    [Fact]
    public void Decades_Logicle_LabelsZeroAndPositiveDecadesWhereThoseValuesAreDrawn()
    {
        var logicle = new LogicleTransform(262144, 0.5, 4.5, 0);

        var ticks = AxisTicks.Decades(logicle, 0, 1);
        var labelled = ticks.Where(t => t.Label is not null).ToDictionary(t => t.Label!, t => t.Position);

        Assert.Equal(["0", "10²", "10³", "10⁴", "10⁵"], labelled.Where(l => !l.Key.StartsWith('−')).OrderBy(l => l.Value).Select(l => l.Key));
        Assert.Equal(logicle.Forward(0), labelled["0"], 12);
        Assert.Equal(logicle.Forward(1000), labelled["10³"], 12);
        Assert.Equal(logicle.Forward(100_000), labelled["10⁵"], 12);
    }

    [Fact]
    public void Decades_Logicle_MinorTicksAtTwoToNineTimesEachDecade()
    {
        var logicle = new LogicleTransform(262144, 0.5, 4.5, 0);

        var minor = AxisTicks.Decades(logicle, 0, 1).Where(t => t.Label is null).Select(t => t.Position).ToList();

        foreach (var value in new[] { 2000.0, 5000, 9000, 20_000, 200_000 })
        {
            Assert.Contains(minor, position => Math.Abs(position - logicle.Forward(value)) < 1e-12);
        }
    }

    [Fact]
    public void Decades_Logicle_LabelsNeverCloserThanSevenAndAHalfPercentOfTheAxis()
    {
        var positions = AxisTicks.Decades(new LogicleTransform(262144, 1.0, 4.5, 0), 0, 1).Where(t => t.Label is not null).Select(t => t.Position).Order().ToList();

        for (var i = 1; i < positions.Count; i++)
        {
            Assert.True(positions[i] - positions[i - 1] >= 0.075 - 1e-12, "labels at " + positions[i - 1] + " and " + positions[i]);
        }
    }

    [Fact]
    public void Linear_ScatterRange_RoundThousandsLabelledWithK()
    {
        var ticks = AxisTicks.Linear(v => v, 0, 262144).Where(t => t.Label is not null).ToList();

        Assert.Equal(["0", "50K", "100K", "150K", "200K", "250K"], ticks.Select(t => t.Label));
        Assert.Equal([0.0, 50_000, 100_000, 150_000, 200_000, 250_000], ticks.Select(t => t.Position));
    }

    [Theory]
    [InlineData(1000, "10³")]
    [InlineData(-100, "−10²")]
    [InlineData(1e5, "10⁵")]
    [InlineData(0.01, "10⁻²")]
    [InlineData(1e6, "10⁶")]
    public void DecadeLabel_PowersOfTen_SuperscriptExponent(double value, string expected)
        => Assert.Equal(expected, AxisTicks.DecadeLabel(value));
}
