namespace CytoViability.Core.FlowJo;

/// <summary>
/// One sample × population of a FlowJo audit (flowjo_parity.csv). <see cref="Cause"/> is recognised, never guessed:
/// exact, binning, parent_binning, transform, compensation, curlyquad, not_converted, channel_missing, missing_fcs,
/// unreadable_fcs, no_stored_count, event_count, error (the sample could not be audited; the message is in
/// <see cref="WorkspaceGate"/>), unexplained. <see cref="BinnedLow"/>–<see cref="BinnedHigh"/> bound the count any binning of the
/// polygon and ellipse gates within one display bin of their edges can give.
/// </summary>
internal sealed record ParityRow(
    string Sample,
    string SampleId,
    string Population,
    string WorkspaceGate,
    long? FlowJoCount,
    long? OurCount,
    string Cause,
    long? BinnedLow,
    long? BinnedHigh)
{
    public long? Difference => FlowJoCount is { } flowJo && OurCount is { } ours ? ours - flowJo : null;

    public double? Percent => Difference is { } difference && FlowJoCount is > 0 ? 100.0 * difference / FlowJoCount.Value : null;
}
