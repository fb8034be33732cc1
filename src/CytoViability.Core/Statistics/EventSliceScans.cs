using CytoViability.Core.Fcs;

namespace CytoViability.Core.Statistics;

/// <summary>
/// Every channel's <see cref="ColumnScanner"/> of every data set, fed by the reader slice by slice
/// (<see cref="FcsReadOptions.EventSlices"/>): <c>inspect --stats</c> summarises a file without holding its columns.
/// </summary>
internal sealed class EventSliceScans : IFcsEventSlices
{
    private readonly List<ColumnScanner[]?> _dataSets = [];

    public void Accept(int dataSet, float[][] columns, int eventCount)
    {
        while (_dataSets.Count <= dataSet)
        {
            _dataSets.Add(null);
        }

        var scanners = _dataSets[dataSet];
        if (scanners is null)
        {
            scanners = new ColumnScanner[columns.Length];
            for (var c = 0; c < scanners.Length; c++)
            {
                scanners[c] = new ColumnScanner();
            }

            _dataSets[dataSet] = scanners;
        }

        for (var c = 0; c < scanners.Length; c++)
        {
            scanners[c].Add(columns[c].AsSpan(0, eventCount));
        }
    }

    /// <summary>The extent of parameter <paramref name="parameter"/> of data set <paramref name="dataSet"/>; a data set without events has the empty extent.</summary>
    public ColumnExtent Extent(int dataSet, int parameter) =>
        dataSet < _dataSets.Count && _dataSets[dataSet] is { } scanners ? scanners[parameter].Extent() : ColumnScan.Scan([]);
}
