namespace CytoViability.Core.Experiments;

/// <summary>A sheet row whose file may not be read (outside the folder); it becomes a fail row, the run goes on.</summary>
internal sealed record RefusedSheetRow(string File, string Reason, int Line);
