namespace CytoViability.Core.Fcs;

/// <summary>An FCS file: one or more data sets chained by $NEXTDATA.</summary>
internal sealed class FcsFile
{
    internal FcsFile(string source, IReadOnlyList<FcsDataSet> dataSets)
    {
        Source = source;
        DataSets = dataSets;
    }

    public string Source { get; }

    public IReadOnlyList<FcsDataSet> DataSets { get; }
}
