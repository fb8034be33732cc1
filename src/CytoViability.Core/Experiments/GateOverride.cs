using CytoViability.Core.Templates;

namespace CytoViability.Core.Experiments;

/// <summary>
/// A gate coordinate fixed by experiment.yaml (or the overrides file it names) without editing the template: for
/// the whole run, for the samples matching <see cref="Where"/> (sheet columns), or for one <see cref="Sample"/>.
/// <see cref="Value"/> is a data value. The more specific override wins: sample, then group, then run.
/// </summary>
internal sealed record GateOverride(string Gate, string Dimension, double Value, string? Sample, IReadOnlyList<ConditionValue> Where, string File, TextPosition Position)
{
    /// <summary>As gates.csv's scope column and run.json write it.</summary>
    public string Scope => Sample is not null ? "sample" : Where.Count == 0 ? "run" : string.Join(";", Where.Select(w => w.Column + "=" + w.Value));

    /// <summary>0 run, 1 group, 2 sample.</summary>
    public int Specificity => Sample is not null ? 2 : Where.Count == 0 ? 0 : 1;
}
