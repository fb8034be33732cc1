namespace CytoViability.Reports.Html;

/// <summary>One input file as run.json lists it.</summary>
internal sealed record RunInput(string File, string Status, string? Events, string? Sha256, string? Reason);
