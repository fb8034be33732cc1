namespace CytoViability.Core.Output;

/// <summary>
/// A results table read back from a finished run: its dynamic columns (condition or metadata columns, in file
/// order) and its rows.
/// </summary>
internal sealed record ResultTable<TRow>(IReadOnlyList<string> DynamicColumns, IReadOnlyList<TRow> Rows);
