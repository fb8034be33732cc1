using CytoViability.Core.Transforms;

namespace CytoViability.Core.Tests.Transforms;

/// <summary>The column version of fratio against A·(x1 − B)/(x2 − C) written out for each event, bit for bit.</summary>
public sealed class RatioTransformTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(103)]
    public void Apply_OverColumns_EqualsTheFormulaForEachEvent(int count)
    {
        var ratio = new RatioTransform("PE-A", "FITC-A", 1.7, 12.5, -3.25);
        var random = new Random(count);
        var numerators = new double[count];
        var denominators = new double[count];
        double[] special = [0, -3.25, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300];
        for (var i = 0; i < count; i++)
        {
            numerators[i] = (random.NextDouble() * 262_144) - 1000;
            denominators[i] = i % 5 == 4 ? special[i % special.Length] : (random.NextDouble() * 262_144) - 1000;
        }

        var destination = new double[count];
        ratio.Apply(numerators, denominators, destination);

        for (var i = 0; i < count; i++)
        {
            var byHand = 1.7 * (numerators[i] - 12.5) / (denominators[i] - -3.25);
            Assert.Equal(BitConverter.DoubleToInt64Bits(byHand), BitConverter.DoubleToInt64Bits(destination[i]));
        }
    }
}
