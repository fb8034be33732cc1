using CytoViability.Core.Examples;

namespace CytoViability.Core.Tests.Examples;

public sealed class ExactMathTests
{
    [Fact]
    public void Ln_KnownConstants_MatchToTheLastDigits()
    {
        Assert.Equal(0.6931471805599453, ExactMath.Ln(2), 15);
        Assert.Equal(2.302585092994046, ExactMath.Ln(10), 15);
        Assert.Equal(0.0, ExactMath.Ln(1));
        Assert.Equal(-0.6931471805599453, ExactMath.Ln(0.5), 15);
    }

    [Fact]
    public void Exp_KnownConstants_MatchWithinOneUlp()
    {
        Assert.Equal(2.718281828459045, ExactMath.Exp(1), Math.BitIncrement(2.718281828459045) - 2.718281828459045);
        Assert.Equal(1.0, ExactMath.Exp(0));
        Assert.Equal(22026.465794806718, ExactMath.Exp(10), Math.BitIncrement(22026.465794806718) - 22026.465794806718);
    }

    [Fact]
    public void LnAndExp_AcrossMagnitudes_AgreeWithTheRuntimeWithinTwoUlps()
    {
        for (var e = -300.0; e <= 300.0; e += 0.37)
        {
            var x = Math.Pow(10, e);
            var expected = Math.Log(x);
            Assert.True(Math.Abs(ExactMath.Ln(x) - expected) <= 4.5e-16 * Math.Max(1, Math.Abs(expected)), "Ln(" + x + ")");
        }

        for (var x = -700.0; x <= 700.0; x += 0.731)
        {
            var expected = Math.Exp(x);
            Assert.True(Math.Abs(ExactMath.Exp(x) - expected) <= 4.5e-16 * expected, "Exp(" + x + ")");
        }
    }

    [Fact]
    public void Ln_NonPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactMath.Ln(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactMath.Ln(-1));
    }
}
