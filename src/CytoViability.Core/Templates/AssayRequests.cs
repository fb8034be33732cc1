namespace CytoViability.Core.Templates;

public sealed record AssayRequests(ViabilityAssay? Viability, KillingAssay? Killing, PurityAssay? Purity, MfiFoldAssay? MfiFold)
{
    public static AssayRequests None { get; } = new(null, null, null, null);
}
