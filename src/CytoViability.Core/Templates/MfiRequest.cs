namespace CytoViability.Core.Templates;

/// <summary>Channels whose MFI statistics mfi.csv reports for one population.</summary>
internal sealed record MfiRequest(string Population, IReadOnlyList<string> Channels);
