using CytoViability.Core.Statistics;

namespace CytoViability.Core.Tests.Statistics;

public sealed class DonorStatisticsTests
{
    [Fact]
    public void Compute_EightDonors_GivesSampleSdAndSem()
    {
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];

        var summary = DonorStatistics.Compute(values);

        // Squared deviations from 5 sum to 32; SD = √(32/7); s.e.m. = SD/√8.
        Assert.Equal(8, summary.Count);
        Assert.Equal(5.0, summary.Mean, 12);
        Assert.Equal(2.138089935299395, summary.Sd, 12);
        Assert.Equal(0.7559289460184544, summary.Sem, 12);
    }

    [Fact]
    public void Compute_OneDonor_HasNoSdOrSem()
    {
        var summary = DonorStatistics.Compute([42.0]);

        Assert.Equal(42.0, summary.Mean);
        Assert.True(double.IsNaN(summary.Sd));
        Assert.True(double.IsNaN(summary.Sem));
    }

    [Fact]
    public void PairedTTest_ThreeDonors_MatchesTheClosedFormForTwoDegreesOfFreedom()
    {
        // d = 2, 3, 6: mean 11/3, SD² = 13/3, t = 11/√13. For df = 2 the two-sided p is 1 − t/√(t² + 2).
        var t = 11 / Math.Sqrt(13);
        var expected = 1 - (t / Math.Sqrt((t * t) + 2));

        var p = PairedTTest.TwoSidedP([3, 5, 10], [1, 2, 4]);

        Assert.Equal(0.0927353, expected, 6);
        Assert.Equal(expected, p, 10);
    }

    [Fact]
    public void PairedTTest_TwoDonors_MatchesTheCauchyClosedForm()
    {
        // d = 1, 3: mean 2, s.e.m. 1, t = 2; df = 1 is the Cauchy distribution: p = 1 − (2/π)·atan|t|.
        var p = PairedTTest.TwoSidedP([11, 23], [10, 20]);

        Assert.Equal(1 - (2 / Math.PI * Math.Atan(2)), p, 10);
    }

    [Fact]
    public void PairedTTest_OnePairOrIdenticalDifferences_IsUndefined()
    {
        Assert.True(double.IsNaN(PairedTTest.TwoSidedP([5], [1])));
        Assert.True(double.IsNaN(PairedTTest.TwoSidedP([5, 6], [4, 5])));
    }
}
