namespace CytoViability.Core.Examples;

/// <summary>A killing well's cells and its true values: % dead among recorded targets and live targets per counting bead.</summary>
internal sealed record KillingWellPlan(Subpopulation[] Cells, double SpontaneousPercent, double DeadPercent, double LiveTargetsPerBead, TruthValue[] Truth);
