namespace CytoViability.Core.Gating;

/// <summary>
/// One axis a gate reads: values are compensated by <see cref="Compensation"/>, then transformed by the strategy
/// transform <see cref="TransformId"/> (none when null). Equal dimensions are computed once per file.
/// </summary>
internal abstract record GateDimension(CompensationReference Compensation, string? TransformId);
