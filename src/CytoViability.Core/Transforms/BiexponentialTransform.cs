namespace CytoViability.Core.Transforms;

/// <summary>
/// FlowJo's "biex" display with FlowJo's own parameters. FlowJo builds it as the logicle biexponential with
/// width W = log10(|width basis|)/2 decades, M = positive decades and A = negative decades, sampled into a
/// 4096-channel table; this type evaluates that curve exactly (no table), on the 0–1 scale of the other transforms,
/// so it differs from FlowJo's table only by the table's interpolation and zero-point rounding.
/// </summary>
internal sealed class BiexponentialTransform : ITransform, IIncreasingTransform
{
    private readonly LogicleTransform _logicle;

    /// <summary>Creates the transform; <paramref name="widthBasis"/> is FlowJo's (usually negative, e.g. −10).</summary>
    public BiexponentialTransform(double maxValue, double positiveDecades, double negativeDecades, double widthBasis)
    {
        if (!(Math.Abs(widthBasis) >= 1) || double.IsInfinity(widthBasis))
        {
            TransformGuard.ThrowInvalid("biex", "the width basis must be a finite number with |width basis| ≥ 1");
        }

        MaxValue = maxValue;
        PositiveDecades = positiveDecades;
        NegativeDecades = negativeDecades;
        WidthBasis = widthBasis;
        _logicle = new LogicleTransform(maxValue, Math.Log10(Math.Abs(widthBasis)) / 2, positiveDecades, negativeDecades);
    }

    /// <summary>Top of scale (FlowJo "max value").</summary>
    public double MaxValue { get; }

    /// <summary>FlowJo "positive" decades.</summary>
    public double PositiveDecades { get; }

    /// <summary>FlowJo "negative" (extra negative decades).</summary>
    public double NegativeDecades { get; }

    /// <summary>FlowJo "width basis".</summary>
    public double WidthBasis { get; }

    /// <summary>The logicle curve this biex is.</summary>
    public LogicleTransform Logicle => _logicle;

    /// <inheritdoc/>
    public double Forward(double value) => _logicle.Forward(value);

    /// <inheritdoc/>
    public double Inverse(double transformed) => _logicle.Inverse(transformed);

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<double> values, Span<double> destination) => _logicle.Forward(values, destination);

    /// <inheritdoc/>
    (double Below, double Above) IIncreasingTransform.Preimage(double bound) => ((IIncreasingTransform)_logicle).Preimage(bound);
}
