using CytoViability.Core.Gating;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// One file just gated, handed to <see cref="RunRequest.OnGated"/> while its events are still in memory (the report
/// bins its gate plots from it). <see cref="PlottedValues"/> gives a channel alias (or ratio name) per event,
/// compensated as the template says and on the template's transform for that alias when it has one.
/// <see cref="Channels"/> says which detector each alias resolved to in this file, with its marker and range.
/// </summary>
internal sealed record GatedSample(string Sample, string File, GatingTemplate Template, GatingResult Result, Func<string, double[]> PlottedValues)
{
    public IReadOnlyDictionary<string, PlotChannel> Channels { get; init; } = new Dictionary<string, PlotChannel>();
}
