namespace CytoViability.Core.Experiments;

/// <summary>
/// One row of a sample sheet. <see cref="File"/> is the path inside the folder with `/` separators;
/// <see cref="Values"/> holds every other column (conditions and plain metadata) by lower-case column name.
/// </summary>
internal sealed record SampleSheetRow(
    string File,
    string? Sample,
    string? Donor,
    string? Replicate,
    IReadOnlyDictionary<string, string> Values,
    int Line);
