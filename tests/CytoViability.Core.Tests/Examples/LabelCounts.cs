using CytoViability.Core.Examples;

namespace CytoViability.Core.Tests.Examples;

/// <summary>
/// Counts a truth.csv quantity directly from the generator's per-event labels: the independent truth that
/// the design's expected fractions must agree with within sampling error.
/// </summary>
internal static class LabelCounts
{
    public static bool TryCount(SimulatedTube tube, string quantity, out double percent, out int denominator)
    {
        Func<EventLabel, bool>? inDenominator = quantity switch
        {
            "percent_debris" or "percent_doublets" => _ => true,
            "percent_viable" or "percent_apoptotic" or "percent_dead" or "percent_live" or "percent_targets" => l => l.IsSingleCell,
            "percent_dead_targets" => l => l.IsSingleCell && l.Traced,
            "purity" or "percent_t_cells" => l => l.Kind is CellKind.Cll or CellKind.TCell or CellKind.NkCell or CellKind.NormalBCell,
            _ => null,
        };
        Func<EventLabel, bool>? inNumerator = quantity switch
        {
            "percent_debris" => l => l.Kind == CellKind.Debris,
            "percent_doublets" => l => l.Kind == CellKind.Doublet,
            "percent_viable" or "percent_live" => l => l.State == CellState.Viable,
            "percent_apoptotic" => l => l.State == CellState.Apoptotic,
            "percent_dead" or "percent_dead_targets" => l => l.State == CellState.Dead,
            "percent_targets" => l => l.Traced,
            "purity" => l => l.Kind == CellKind.Cll,
            "percent_t_cells" => l => l.Kind == CellKind.TCell,
            _ => null,
        };
        percent = double.NaN;
        denominator = 0;
        if (inDenominator is null || inNumerator is null)
        {
            return false;
        }

        var numerator = 0;
        foreach (var label in tube.Labels)
        {
            if (inDenominator(label))
            {
                denominator++;
                numerator += inNumerator(label) ? 1 : 0;
            }
        }

        percent = 100.0 * numerator / denominator;
        return true;
    }
}
