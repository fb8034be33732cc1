using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CytoViability.Core.Placement;
using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.GatePositions;

/// <summary>
/// The axis a template's channel is placed on: its transform's 0–1 scale (512 bins), a ratio's 0–2 (1024 bins), or
/// the linear 0–262,144 of an 18-bit FACSDiva channel (1024 bins). Fixed binning per alias is what makes the
/// histograms of any samples, files or shards add up exactly.
/// </summary>
internal sealed class PlacementAxes
{
    /// <summary>$PnR of FACSDiva's 18-bit linear channels.</summary>
    public const double LinearRange = 262144;

    /// <summary>
    /// Placement and placement QC count at most about this many events of a file (every k-th event, in file order):
    /// plenty for a density, and it keeps the extra pass cheap on large files. A fixed rule of the file alone, so any
    /// shard counts the same events.
    /// </summary>
    public const int EventsPerFile = 10_000;

    private readonly IReadOnlyDictionary<string, ITransform> _transforms;
    private readonly HashSet<string> _ratios = new(StringComparer.Ordinal);

    public PlacementAxes(CompiledTemplate compiled)
    {
        _transforms = compiled.Transforms;
        foreach (var ratio in compiled.Template.Ratios)
        {
            _ratios.Add(ratio.Name);
        }
    }

    public AxisHistogram Histogram(string alias)
    {
        var (minimum, maximum, bins) = Binning(alias);
        return new AxisHistogram(minimum, maximum, bins);
    }

    /// <summary>The placement axis of an alias: transformed [0, 1) in 512 bins, a ratio [0, 2) or data [0, 262144) in 1,024.</summary>
    public (double Minimum, double Maximum, int Bins) Binning(string alias)
    {
        if (_transforms.ContainsKey(alias))
        {
            return (0, 1, 512);
        }

        return _ratios.Contains(alias) ? (0, 2, 1024) : (0, LinearRange, 1024);
    }

    /// <summary>Every k-th event is counted: k = ⌈events / <see cref="EventsPerFile"/>⌉.</summary>
    public static int Stride(int events) => Math.Max(1, (events + EventsPerFile - 1) / EventsPerFile);

    /// <summary>
    /// Counts every <paramref name="stride"/>-th event of <paramref name="data"/> (data values) that is a member of
    /// the population, on the alias's placement axis: only those events are transformed.
    /// </summary>
    public void Fill(AxisHistogram histogram, string alias, double[] data, ReadOnlySpan<ulong> membership, int stride)
    {
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Min(data.Length, (data.Length / stride) + 1));
        try
        {
            // Every counted event's value is written and the count moves on by its membership bit: no branch on
            // membership, which is as unpredictable as the population is mixed (that branch was most of the cost).
            // The last write lands at most at the number of counted events less one, inside the buffer.
            var count = 0;
            ref var values = ref MemoryMarshal.GetArrayDataReference(data);
            ref var members = ref MemoryMarshal.GetArrayDataReference(buffer);
            ref var words = ref MemoryMarshal.GetReference(membership);
            if (data.Length > 0 && membership.Length <= ((data.Length - 1) / stride * stride) >> 6)
            {
                throw new ArgumentException("The membership bits do not cover the data.", nameof(membership));
            }

            for (var i = 0; i < data.Length; i += stride)
            {
                Unsafe.Add(ref members, count) = Unsafe.Add(ref values, i);
                count += (int)((Unsafe.Add(ref words, i >> 6) >> (i & 63)) & 1);
            }

            var counted = buffer.AsSpan(0, count);
            if (_transforms.TryGetValue(alias, out var transform))
            {
                transform.Forward(counted, counted);
            }

            histogram.Add(counted);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The placement-axis bin (<see cref="AxisHistogram.Code"/>) of every <paramref name="stride"/>-th value of
    /// <paramref name="data"/>, transformed and binned once: placement QC counts several populations on one channel
    /// of a file, and each then costs one pass over these codes (<see cref="AxisHistogram.AddCoded"/>) instead of a strided walk
    /// of the whole column and a transform and binning of its members. <paramref name="codes"/> holds one code per
    /// counted event.
    /// </summary>
    public void CountedBins(string alias, double[] data, int stride, Span<ushort> codes)
    {
        if (codes.Length != (data.Length == 0 ? 0 : ((data.Length - 1) / stride) + 1))
        {
            throw new ArgumentException("one code per counted event", nameof(codes));
        }

        var (minimum, maximum, bins) = Binning(alias);
        var transform = _transforms.GetValueOrDefault(alias);

        // A block at a time, so the transformed values stay in the first-level cache until they are binned.
        Span<double> block = stackalloc double[256];
        for (var first = 0; first < codes.Length; first += block.Length)
        {
            var values = block[..Math.Min(block.Length, codes.Length - first)];
            for (var k = 0; k < values.Length; k++)
            {
                values[k] = data[(first + k) * stride];
            }

            transform?.Forward(values, values);
            AxisHistogram.Code(minimum, maximum, bins, values, codes.Slice(first, values.Length));
        }
    }

    /// <summary>A data value on the placement axis.</summary>
    public double ToAxis(string alias, double data) => _transforms.TryGetValue(alias, out var transform) ? transform.Forward(data) : data;

    /// <summary>A placement-axis position as a data value.</summary>
    public double ToData(string alias, double axis) => _transforms.TryGetValue(alias, out var transform) ? transform.Inverse(axis) : axis;

    /// <summary>A data value in a gate's units.</summary>
    public double ToGateUnits(string alias, GateUnits units, double data) => units == GateUnits.Transformed ? ToAxis(alias, data) : data;

    /// <summary>A value in a gate's units as a data value.</summary>
    public double FromGateUnits(string alias, GateUnits units, double value) => units == GateUnits.Transformed ? ToData(alias, value) : value;
}
