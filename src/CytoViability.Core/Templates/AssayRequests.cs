namespace CytoViability.Core.Templates;

internal sealed record AssayRequests(ViabilityRequest? Viability, KillingRequest? Killing, PurityRequest? Purity, MfiFoldRequest? MfiFold)
{
    public static AssayRequests None { get; } = new(null, null, null, null);
}
