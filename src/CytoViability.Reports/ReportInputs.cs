using CytoViability.Core.Templates;
using CytoViability.Reports.Plots;

namespace CytoViability.Reports;

/// <summary>
/// What a run hands the report while it still has it in memory: the gate plots of every sample (see
/// <see cref="GatePlotBuilder"/>) and the template (for the viability and purity donor dots). Without them the report
/// is rebuilt from the output folder alone: plots/gate-plots.bin and the template named in run.json.
/// </summary>
internal sealed record ReportInputs(IReadOnlyList<SampleGatePlots>? Samples, GatingTemplate? Template);
