namespace CytoViability.Core.Fcs;

/// <summary>
/// The parameters of one data set, how one event lies in DATA, and the Time channel whose $PnG is FACSDiva's
/// $TIMESTEP (-1 when none): what <see cref="FcsParameterReader"/> reads from TEXT.
/// </summary>
internal sealed record FcsParameterSet(FcsParameter[] Parameters, FcsDataLayout Layout, int TimeChannelWithTimestepGain);
