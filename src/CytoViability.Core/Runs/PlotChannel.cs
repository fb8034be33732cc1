namespace CytoViability.Core.Runs;

/// <summary>
/// What a file says about the channel a template alias resolved to, for labelling and scaling plot axes: its
/// detector ($PnN), its marker ($PnS, null when blank) and the instrument's range ($PnR).
/// </summary>
internal sealed record PlotChannel(string Detector, string? Marker, double Range)
{
    /// <summary>"PI (PE-A)": marker and detector, as the lab labels an axis; the detector alone without a marker.</summary>
    public string Label => Marker is null || Marker == Detector ? Detector : Marker + " (" + Detector + ")";
}
