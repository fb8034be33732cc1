namespace CytoViability.Core.Fcs;

/// <summary>Absolute byte offsets of one data set's segments (ends inclusive, as FCS writes them).</summary>
public sealed record FcsSegmentOffsets(long DataSetStart, long TextBegin, long TextEnd, long DataBegin, long DataEnd);
