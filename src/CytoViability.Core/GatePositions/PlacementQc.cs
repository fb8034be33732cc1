using System.Buffers;
using CytoViability.Core.Experiments;
using CytoViability.Core.Placement;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;

namespace CytoViability.Core.GatePositions;

/// <summary>
/// Gate-placement checks of one gated sample, for fixed and computed coordinates alike (docs/outputs.md, qc.csv):
/// a boundary through a dense region, and each gated population's median on its gate's axes for the run-wide
/// comparison that <see cref="MedianOutliers"/> makes over a run.
/// </summary>
internal sealed class PlacementQc(PlacementPlan plan)
{
    /// <summary>Warn when the density at a boundary is above this fraction of the neighbouring modes' lower peak.</summary>
    public const double BoundaryThreshold = 0.5;

    /// <summary>Warn when a population's median is more than this many decades from the run's median.</summary>
    public const double MedianDecades = 1;

    /// <summary>Parents with fewer events counted (see <see cref="PlacementAxes.EventsPerFile"/>) are not judged: their density says nothing.</summary>
    public const long MinimumEvents = 200;

    /// <summary>
    /// A file's counted events binned per channel (<see cref="PlacementAxes.CountedBins"/>), shared by its placement QC
    /// checks; the codes' space goes back to the pool when the sample's checks are done.
    /// </summary>
    public sealed class CountedChannels(PlacementAxes axes, EvaluatedSample evaluated) : IDisposable
    {
        private readonly Dictionary<string, ushort[]> _codes = new(StringComparer.Ordinal);

        public int Stride { get; } = PlacementAxes.Stride(evaluated.EventCount);

        private int Count => evaluated.EventCount == 0 ? 0 : ((evaluated.EventCount - 1) / Stride) + 1;

        public ReadOnlySpan<ushort> Codes(string channel)
        {
            if (!_codes.TryGetValue(channel, out var codes))
            {
                codes = ArrayPool<ushort>.Shared.Rent(Math.Max(1, Count));
                _codes[channel] = codes;
                axes.CountedBins(channel, evaluated.DataValues(channel), Stride, codes.AsSpan(0, Count));
            }

            return codes.AsSpan(0, Count);
        }

        public void Dispose()
        {
            foreach (var codes in _codes.Values)
            {
                ArrayPool<ushort>.Shared.Return(codes);
            }

            _codes.Clear();
        }
    }

    public CountedChannels Counted(EvaluatedSample evaluated) => new(plan.Axes, evaluated);

    /// <summary>Counting space given back on this thread, by binning, for the next population or sample.</summary>
    [ThreadStatic]
    private static Dictionary<(double Minimum, double Maximum, int Bins), Stack<Scratch>>? t_spare;

    /// <summary>
    /// Empty counting space on the channel's placement axis: one of this thread's spares of that binning when there
    /// is one. Every sample counts a dozen populations here and smooths several, each read once and dropped; made
    /// anew each time, the histograms and densities were about 38 of the 384-file benchmark's 152 MB a run, and every
    /// few megabytes allocated is a collection that stops every worker thread.
    /// </summary>
    private Scratch Rent(string channel)
    {
        var binning = plan.Axes.Binning(channel);
        if (t_spare is { } spare && spare.TryGetValue(binning, out var free) && free.TryPop(out var scratch))
        {
            scratch.Histogram.Clear();
            return scratch;
        }

        return new Scratch(new AxisHistogram(binning.Minimum, binning.Maximum, binning.Bins), new double[binning.Bins]);
    }

    /// <summary>Gives space from <see cref="Rent"/> back once nothing reads its histogram or density.</summary>
    private static void Return(Scratch scratch)
    {
        t_spare ??= [];
        var histogram = scratch.Histogram;
        var binning = (histogram.Minimum, histogram.Maximum, histogram.BinCount);
        if (!t_spare.TryGetValue(binning, out var free))
        {
            free = new Stack<Scratch>();
            t_spare[binning] = free;
        }

        free.Push(scratch);
    }

    public IEnumerable<QcRow> BoundaryDensity(SampleMetadata metadata, SamplePositions positions, EvaluatedSample evaluated, CountedChannels counted)
    {
        // Coordinates on one parent and axis (a range's two bounds) share the histogram and its smoothing.
        var histograms = new Dictionary<(string, string), (Scratch Scratch, Placement.BoundaryDensity.Smoothed? Smoothed)>();
        try
        {
            foreach (var row in positions.Rows)
            {
                var coordinate = row.Coordinate;
                if (!double.IsFinite(row.Value))
                {
                    continue;
                }

                if (!histograms.TryGetValue((coordinate.ParentId, coordinate.Channel), out var filled))
                {
                    var scratch = Rent(coordinate.Channel);
                    var histogram = scratch.Histogram;
                    histogram.AddCoded(counted.Codes(coordinate.Channel), evaluated.Membership(coordinate.ParentId), counted.Stride);
                    filled = (scratch, histogram.InRange < MinimumEvents ? null : Placement.BoundaryDensity.Smooth(histogram, into: scratch.Density));
                    histograms[(coordinate.ParentId, coordinate.Channel)] = filled;
                }

                if (filled.Smoothed is null)
                {
                    continue;
                }

                var ratio = Placement.BoundaryDensity.RatioAt(filled.Smoothed, plan.Axes.ToAxis(coordinate.Channel, row.Value));
                if (ratio > BoundaryThreshold)
                {
                    yield return new QcRow(metadata.Sample, metadata.File, QcChecks.BoundaryDensity, Math.Round(ratio, 3), BoundaryThreshold, QcStatus.Warn,
                        "gate '" + coordinate.GateId + "' " + coordinate.Dimension + " at " + RunPlacement.Data(row.Value) + " (" + row.Status + ") cuts through a dense region of " + coordinate.ParentId
                        + ": density there is " + Math.Round(100 * ratio) + " % of the neighbouring population's peak");
                }
            }
        }
        finally
        {
            foreach (var (scratch, _) in histograms.Values)
            {
                Return(scratch);
            }
        }
    }

    public List<PopulationMedian> Medians(EvaluatedSample evaluated, CountedChannels counted)
    {
        var medians = new List<PopulationMedian>();
        foreach (var gate in plan.Template.Gates)
        {
            switch (gate)
            {
                case RectangleGateDefinition rectangle:
                    foreach (var bound in rectangle.Bounds)
                    {
                        Add(medians, gate.Id, bound.Channel, evaluated, counted);
                    }

                    break;
                case QuadrantGateDefinition quadrant:
                    foreach (var part in quadrant.Quadrants)
                    {
                        Add(medians, part.Id, quadrant.X, evaluated, counted);
                        Add(medians, part.Id, quadrant.Y, evaluated, counted);
                    }

                    break;
            }
        }

        return medians;
    }

    /// <summary>
    /// Warn rows for every sample whose median of a gated population lies more than <see cref="MedianDecades"/>
    /// from the run's median (the median over samples) of that population on that axis; values ≤ 0 are not judged.
    /// </summary>
    public static List<QcRow> MedianOutliers(IEnumerable<(SampleMetadata Metadata, IReadOnlyList<PopulationMedian> Medians)> results)
    {
        var byAxis = new SortedDictionary<(string, string), List<(SampleMetadata, double)>>();
        foreach (var result in results)
        {
            foreach (var median in result.Medians)
            {
                if (!byAxis.TryGetValue((median.Population, median.Channel), out var list))
                {
                    list = [];
                    byAxis[(median.Population, median.Channel)] = list;
                }

                list.Add((result.Metadata, median.Median));
            }
        }

        var rows = new List<QcRow>();
        foreach (var ((population, channel), samples) in byAxis)
        {
            var values = samples.Select(s => s.Item2).Order().ToArray();
            var run = values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
            if (!(run > 0) || samples.Count < 3)
            {
                continue;
            }

            foreach (var (metadata, value) in samples)
            {
                if (!(value > 0))
                {
                    continue;
                }

                var decades = Math.Abs(Math.Log10(value / run));
                if (decades > MedianDecades)
                {
                    rows.Add(new QcRow(metadata.Sample, metadata.File, QcChecks.PopulationMedian, Math.Round(decades, 3), MedianDecades, QcStatus.Warn,
                        "median " + channel + " of " + population + " is " + RunPlacement.Data(value) + ", " + Math.Round(decades, 2) + " decades from the run's median " + RunPlacement.Data(run)));
                }
            }
        }

        return rows;
    }

    private void Add(List<PopulationMedian> medians, string population, string channel, EvaluatedSample evaluated, CountedChannels counted)
    {
        var scratch = Rent(channel);
        var histogram = scratch.Histogram;
        histogram.AddCoded(counted.Codes(channel), evaluated.Membership(population), counted.Stride);
        var median = histogram.Total < MinimumEvents ? double.NaN : histogram.Quantile(0.5);
        Return(scratch);
        if (double.IsFinite(median))
        {
            medians.Add(new PopulationMedian(population, channel, plan.Axes.ToData(channel, median)));
        }
    }

    /// <summary>A histogram and room for its smoothed density (one value per bin), reused together.</summary>
    private sealed record Scratch(AxisHistogram Histogram, double[] Density);
}
