using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.FlowJo;

/// <summary>
/// FlowJo's display binning of one gated axis: a data value goes through FlowJo's display transform onto
/// 0..<see cref="Resolution"/> display bins (FlowJo 10 gates store <c>gateResolution="256"</c>; FlowJo 9.9 bins its
/// 256-channel plots the same way). Linear axes start at FlowJo's display minimum, as FlowJo draws them.
/// </summary>
internal sealed class DisplayBins
{
    private readonly DisplayTransform _display;
    private readonly ITransform? _transform;

    public DisplayBins(DisplayTransform display, int resolution)
    {
        _display = display;
        Resolution = resolution;
        _transform = display.Kind == DisplayKind.Linear ? null : TransformFactory.Create(TemplateImporter.Definition(display));
    }

    public int Resolution { get; }

    /// <summary>The continuous display position in bins (NaN where the display has no value, e.g. x ≤ 0 on log).</summary>
    public double Position(double value)
    {
        if (_display.Table is { } table)
        {
            return TablePosition(table, value) * Resolution;
        }

        var unit = _transform is null ? (value - _display.Bottom) / (_display.T - _display.Bottom) : _transform.Forward(value);
        return unit * Resolution;
    }

    /// <summary>
    /// Where a value sits on a FlowJo 9 calibration table's display (0 to 1): the fraction of the table's channels
    /// below it, linear between neighbouring channels and beyond the ends.
    /// </summary>
    private static double TablePosition(double[] table, double value)
    {
        if (double.IsNaN(value))
        {
            return double.NaN;
        }

        var last = table.Length - 1;
        var upper = Array.BinarySearch(table, value);
        if (upper < 0)
        {
            upper = ~upper;
        }

        upper = Math.Clamp(upper, 1, last);
        var lower = upper - 1;
        var channel = lower + ((value - table[lower]) / (table[upper] - table[lower]));
        return channel / last;
    }

    /// <summary>The centre of the display bin holding the value; off-scale values pile into the first or last bin, as FlowJo plots them.</summary>
    public double BinCentre(double value)
    {
        var position = Position(value);
        var bin = double.IsNaN(position) ? 0 : Math.Clamp(Math.Floor(position), 0, Resolution - 1);
        return bin + 0.5;
    }
}
