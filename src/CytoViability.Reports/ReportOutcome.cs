namespace CytoViability.Reports;

/// <summary>Where the report went, how many figures it holds, and what it could not show (and why).</summary>
internal sealed record ReportOutcome(string ReportPath, int Figures, IReadOnlyList<string> Problems);
