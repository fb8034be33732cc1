using CytoViability.Core.Experiments;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Runs;

/// <summary>
/// What one processed file contributes to the run: its table rows, and the per-well numbers the assays join
/// across samples (population counts by id, the MFI statistic of the fold assay, the gate positions used and
/// each gated population's median on its gate's axes).
/// </summary>
internal sealed record SampleResult(
    SampleMetadata Metadata,
    IReadOnlyList<PopulationRow> Populations,
    IReadOnlyList<MfiRow> Mfi,
    IReadOnlyList<QcRow> Qc,
    IReadOnlyDictionary<string, long> Counts,
    double FoldStatistic,
    IReadOnlyList<GateRow> Gates,
    IReadOnlyList<PopulationMedian> Medians);
