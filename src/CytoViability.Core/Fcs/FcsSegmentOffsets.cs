namespace CytoViability.Core.Fcs;

/// <summary>Absolute byte offsets of one data set's segments (ends inclusive, as FCS writes them).</summary>
internal sealed record FcsSegmentOffsets(long DataSetStart, long TextBegin, long TextEnd, long DataBegin, long DataEnd);
