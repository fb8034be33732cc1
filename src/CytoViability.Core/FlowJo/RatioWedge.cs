using CytoViability.Core.Fcs;
using CytoViability.Core.Templates;

namespace CytoViability.Core.FlowJo;

/// <summary>
/// The region lo ≤ N/D ≤ hi of positive D, drawn in the (D, N) plane: the wedge between the lines N = lo·D and
/// N = hi·D through the origin, clipped to the box [0, rangeD] × [0, rangeN].
/// </summary>
internal static class RatioWedge
{
    /// <summary>
    /// The wedge's corners, lower line first: the origin, where the lower line leaves the box, the box's far corner
    /// when the two lines leave it through different sides, and where the upper line leaves it.
    /// Requires 0 ≤ <paramref name="low"/> &lt; <paramref name="high"/>.
    /// </summary>
    public static IReadOnlyList<(double D, double N)> Vertices(double low, double high, double rangeD, double rangeN)
    {
        // A line N = s·D leaves the box through its right side (D = rangeD) while s·rangeD ≤ rangeN, else through the top.
        (double, double) Exit(double slope) => slope * rangeD <= rangeN ? (rangeD, slope * rangeD) : (rangeN / slope, rangeN);
        var (lower, upper) = (Exit(low), Exit(high));
        var vertices = new List<(double, double)> { (0, 0), lower };
        if (lower.Item1 == rangeD && upper.Item2 == rangeN && upper.Item1 != rangeD)
        {
            vertices.Add((rangeD, rangeN));
        }

        vertices.Add(upper);
        return vertices;
    }

    /// <summary>
    /// Events of the file in the band (<paramref name="low"/> ≤ ratio &lt; <paramref name="high"/>, on the file's
    /// scale values, as the run gates them) that the clipped wedge leaves out: beyond either range or at D ≤ 0.
    /// </summary>
    public static long EventsOutsideRange(FcsDataSet dataSet, RatioChannel ratio, string numerator, string denominator, double low, double high, double rangeD, double rangeN)
    {
        var n = dataSet.ScaleColumn(dataSet.FindParameter(numerator));
        var d = dataSet.ScaleColumn(dataSet.FindParameter(denominator));
        var outside = 0L;
        for (var i = 0; i < n.Length; i++)
        {
            var value = ratio.A * (n[i] - ratio.B) / (d[i] - ratio.C);
            if (value >= low && value < high && (d[i] <= 0 || d[i] > rangeD || n[i] > rangeN || n[i] < 0))
            {
                outside++;
            }
        }

        return outside;
    }
}
