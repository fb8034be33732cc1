using CytoViability.Core.Assays;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Assays;

public sealed class KillingFormulasTests
{
    [Fact]
    public void Difference_FortyAgainstTwenty_IsTwentyPoints() => Assert.Equal(20.0, KillingFormulas.Difference(40, 20));

    [Fact]
    public void Specific_FortyAgainstTwenty_IsAQuarterOfTheSurvivors() => Assert.Equal(25.0, KillingFormulas.Specific(40, 20), 12);

    [Fact]
    public void Relative_FortyAgainstTwenty_IsADoubling() => Assert.Equal(100.0, KillingFormulas.Relative(40, 20), 12);

    [Fact]
    public void Count_ThreeHundredLiveAgainstTwelveHundred_IsSeventyFivePercent() => Assert.Equal(75.0, KillingFormulas.Count(300, 1200), 12);

    [Fact]
    public void Formulas_LessDeathThanTheControl_GiveNegativeKilling()
    {
        Assert.Equal(-5.0, KillingFormulas.Difference(15, 20), 12);
        Assert.Equal(-6.25, KillingFormulas.Specific(15, 20), 12);
        Assert.Equal(-25.0, KillingFormulas.Relative(15, 20), 12);
        Assert.Equal(-50.0, KillingFormulas.Count(1800, 1200), 12);
    }

    [Fact]
    public void Formulas_DegenerateControls_AreNaN()
    {
        Assert.True(double.IsNaN(KillingFormulas.Specific(100, 100)));
        Assert.True(double.IsNaN(KillingFormulas.Relative(5, 0)));
        Assert.True(double.IsNaN(KillingFormulas.Count(5, 0)));
    }

    [Theory]
    [InlineData("difference", KillingMethod.Difference)]
    [InlineData("Specific", KillingMethod.Specific)]
    [InlineData("RELATIVE", KillingMethod.Relative)]
    [InlineData("count", KillingMethod.Count)]
    public void TryParse_TemplateNames_GiveTheMethod(string name, object expected)
    {
        Assert.True(KillingMethodNames.TryParse(name, out var method));
        Assert.Equal((KillingMethod)expected, method);
        Assert.Equal(name.ToLowerInvariant(), KillingMethodNames.Name(method));
    }

    [Fact]
    public void TryParse_UnknownName_IsFalse() => Assert.False(KillingMethodNames.TryParse("abbott", out _));

    [Fact]
    public void BinomialStandardError_ThirtyPercentOfAThousand_IsAboutOnePointFourPoints()
    {
        // notes/domain.md §2.4: n = 1,000, p = 0.3 → 100·√(0.21/1000) = 1.449 pp.
        Assert.Equal(1.4491376746189437, AssayMetrics.BinomialStandardError(30, 1000), 12);
        Assert.True(double.IsNaN(AssayMetrics.BinomialStandardError(30, 0)));
    }
}
