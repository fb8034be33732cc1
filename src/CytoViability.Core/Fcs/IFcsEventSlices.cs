namespace CytoViability.Core.Fcs;

/// <summary>
/// Takes a data set's events a slice at a time, in event order, instead of the reader keeping them as whole columns
/// (<see cref="FcsReadOptions.EventSlices"/>): a summary of a 480 MB file then costs a few hundred kilobytes, not
/// the file's size again in columns.
/// </summary>
internal interface IFcsEventSlices
{
    /// <summary>
    /// Events of data set <paramref name="dataSet"/> following those of its earlier slices: channel c's values are
    /// <c>columns[c][0..eventCount]</c>, decoded exactly as <see cref="FcsDataSet.Column(int)"/> would hold them.
    /// The arrays are the reader's buffers, reused for the next slice: read them before returning, do not keep them.
    /// </summary>
    void Accept(int dataSet, float[][] columns, int eventCount);
}
