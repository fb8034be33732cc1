namespace CytoViability.Core.Experiments;

/// <summary>A sample sheet: its extra columns in file order and its rows (docs/templates.md §3).</summary>
internal sealed record SampleSheet(string Path, IReadOnlyList<string> Columns, IReadOnlyList<SampleSheetRow> Rows, IReadOnlyList<RefusedSheetRow> Refused)
{
    public const string FileColumn = "file";
    public const string SampleColumn = "sample";
    public const string DonorColumn = "donor";
    public const string ReplicateColumn = "replicate";

    public static IReadOnlySet<string> ReservedColumns { get; } = new HashSet<string>(StringComparer.Ordinal) { FileColumn, SampleColumn, DonorColumn, ReplicateColumn };

    /// <summary>The sha256 of the bytes the sheet was parsed from (run.json's), null for a sheet parsed from text.</summary>
    public string? Sha256 { get; init; }
}
