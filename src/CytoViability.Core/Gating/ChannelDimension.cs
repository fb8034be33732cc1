namespace CytoViability.Core.Gating;

/// <summary>
/// A measured channel, named by <c>$PnN</c> or <c>$PnS</c>; under a matrix compensation it may also be the
/// matrix's fluorochrome name (Gating-ML names compensated dimensions that way, e.g. <c>FITC</c>).
/// </summary>
internal sealed record ChannelDimension(string Channel, CompensationReference Compensation, string? TransformId = null)
    : GateDimension(Compensation, TransformId)
{
    /// <summary>The channel, uncompensated and untransformed.</summary>
    public static ChannelDimension Raw(string channel) => new(channel, CompensationReference.Uncompensated);

    /// <inheritdoc/>
    public override string ToString() => Channel + "{" + Compensation + (TransformId is null ? string.Empty : "," + TransformId) + "}";
}
