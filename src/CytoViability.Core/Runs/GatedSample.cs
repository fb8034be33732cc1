using CytoViability.Core.Gating;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// A sample just gated by a run, for <see cref="RunRequest.SampleGated"/>: its names, the template, the gating
/// result, and its values per channel alias as plotted (compensated, then through the alias's template transform).
/// </summary>
public sealed record GatedSample(string Sample, string File, GatingTemplate Template, GatingResult Result, Func<string, double[]> PlottedValues);
