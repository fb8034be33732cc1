namespace CytoViability.Core.Examples;

/// <summary>
/// How each kind of cell looks on a FACSCanto II at typical voltages (linear detector units, true dye space):
/// dying CLL cells shrink in FSC and rise in SSC; DiOC6 falls when ΔΨm is lost; PI enters only dead cells;
/// CLL cells are CD5-dim CD19+, T cells CD5-bright. Typical values, chosen so the populations overlap the way
/// real ones do without making the gates ambiguous.
/// </summary>
internal static class CellPhenotypes
{
    /// <summary>Autofluorescence in compensated units, per detector, of a resting lymphocyte.</summary>
    private static readonly double[] LymphocyteAutofluorescence = [260, 120, 150, 90, 60, 45, 210, 180];

    /// <summary>Counting beads (compensated units): broad-spectrum dye, brightest under the violet laser.</summary>
    private static readonly double[] CountingBeadSignal = [42000, 31000, 22000, 16000, 27000, 12000, 65000, 38000];

    public static (LogNormalLevel Fsc, LogNormalLevel Ssc) Scatter(CellKind kind, CellState state)
    {
        var (fsc, ssc) = kind switch
        {
            CellKind.Cll => (new LogNormalLevel(70000, 0.12), new LogNormalLevel(18000, 0.20)),
            CellKind.Daudi => (new LogNormalLevel(112000, 0.14), new LogNormalLevel(38000, 0.22)),
            CellKind.Monocyte => (new LogNormalLevel(108000, 0.15), new LogNormalLevel(82000, 0.20)),
            CellKind.TCell or CellKind.PbmcLymphocyte => (new LogNormalLevel(60000, 0.12), new LogNormalLevel(15000, 0.20)),
            CellKind.NkCell => (new LogNormalLevel(64000, 0.12), new LogNormalLevel(21000, 0.20)),
            CellKind.NormalBCell => (new LogNormalLevel(63000, 0.12), new LogNormalLevel(16000, 0.20)),
            CellKind.GammaDeltaTCell => (new LogNormalLevel(66000, 0.12), new LogNormalLevel(17000, 0.20)),
            CellKind.CountingBead => (new LogNormalLevel(38000, 0.05), new LogNormalLevel(95000, 0.06)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single cell."),
        };

        return state switch
        {
            CellState.Viable => (fsc, ssc),
            CellState.Apoptotic => (new LogNormalLevel(fsc.Median * 0.8, 0.15), new LogNormalLevel(ssc.Median * 1.3, 0.25)),
            _ => (new LogNormalLevel(fsc.Median * 0.64, 0.18), new LogNormalLevel(ssc.Median * 1.75, 0.30)),
        };
    }

    public static LogNormalLevel DyeLevel(CellKind kind, CellState state, bool traced, Dye dye, LogNormalLevel cd40l)
    {
        return dye switch
        {
            Dye.DiOC6 => state switch
            {
                CellState.Viable => new LogNormalLevel(kind == CellKind.Cll ? 25000 : 21000, 0.35),
                CellState.Apoptotic => new LogNormalLevel(1500, 0.5),
                _ => new LogNormalLevel(700, 0.6),
            },
            Dye.PI => state == CellState.Dead ? new LogNormalLevel(40000, 0.45) : LogNormalLevel.None,
            Dye.DDAO => !traced ? LogNormalLevel.None : (kind == CellKind.Daudi ? new LogNormalLevel(90000, 0.28) : new LogNormalLevel(60000, 0.30))
                .Times(state == CellState.Dead ? 0.7 : 1.0),
            Dye.CD5 => kind switch
            {
                CellKind.Cll => new LogNormalLevel(5000, 0.40),
                CellKind.TCell => new LogNormalLevel(30000, 0.30),
                CellKind.GammaDeltaTCell => new LogNormalLevel(20000, 0.30),
                _ => LogNormalLevel.None,
            },
            Dye.CD19 => kind switch
            {
                CellKind.Cll => new LogNormalLevel(8000, 0.35),
                CellKind.NormalBCell => new LogNormalLevel(15000, 0.30),
                CellKind.Daudi => new LogNormalLevel(20000, 0.30),
                _ => LogNormalLevel.None,
            },
            Dye.CD40L => kind == CellKind.Cll ? cd40l.Times(state == CellState.Dead ? 0.5 : 1.0) : LogNormalLevel.None,
            _ => LogNormalLevel.None,
        };
    }

    /// <summary>Autofluorescence of a cell in one detector, compensated units (its detector signal is this vector times the spillover).</summary>
    public static double Autofluorescence(CellKind kind, CellState state, int detector)
    {
        if (kind == CellKind.CountingBead)
        {
            return CountingBeadSignal[detector];
        }

        var size = kind switch
        {
            CellKind.Monocyte => 3.0,
            CellKind.Daudi => 1.8,
            CellKind.Debris => 0.3,
            _ => 1.0,
        };
        var stateFactor = state == CellState.Dead ? 1.4 : 1.0;
        return LymphocyteAutofluorescence[detector] * size * stateFactor;
    }
}
