using CytoViability.Core.Gating;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// One file just gated, handed to <see cref="RunRequest.OnGated"/> while its events are still in memory (the report
/// bins its gate plots from it). <see cref="PlottedValues"/> gives a channel alias (or ratio name) per event,
/// compensated as the template says and on the template's transform for that alias when it has one.
/// <see cref="Channels"/> says which detector each alias resolved to in this file, with its marker and range.
/// <see cref="Compiled"/> is the run's compiled template with this sample's gate positions.
/// Valid only during the call: the file's columns and gate memberships go back to the run's buffer pool when it
/// returns and are reused, and cleared, by the next file, so keep what is needed (counts, bins), never the sample.
/// </summary>
internal sealed record GatedSample(string Sample, string File, CompiledTemplate Compiled, GatingResult Result, Func<string, double[]> PlottedValues)
{
    /// <summary>The template with this sample's gate positions.</summary>
    public GatingTemplate Template => Compiled.Template;

    public IReadOnlyDictionary<string, PlotChannel> Channels { get; init; } = new Dictionary<string, PlotChannel>();
}
