namespace CytoViability.Core.Gating;

/// <summary>
/// A derived axis: the strategy's <see cref="Transforms.RatioTransform"/> <see cref="RatioId"/> (Gating-ML fratio)
/// of two channels, each compensated by <see cref="GateDimension.Compensation"/>, then the optional transform.
/// </summary>
internal sealed record RatioDimension(string RatioId, CompensationReference Compensation, string? TransformId = null)
    : GateDimension(Compensation, TransformId)
{
    /// <inheritdoc/>
    public override string ToString() => RatioId + "{" + Compensation + (TransformId is null ? string.Empty : "," + TransformId) + "}";
}
