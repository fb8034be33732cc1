namespace CytoViability.Core.FlowJo;

internal enum DisplayKind
{
    Linear,
    Log,
    Biex,
    Logicle,
    Asinh,
    Hyperlog,

    /// <summary>FlowJo 9's channel→value calibration table (a biex-like curve with no stated parameters).</summary>
    Table,
}

/// <summary>
/// FlowJo's display transform of one parameter, already in the template's Gating-ML letters where that is exact:
/// linear (T top, A = −bottom), log (T top, M decades), biex (T max, W width basis, M positive, A negative decades),
/// logicle/hyperlog (T, W, M, A), asinh (T, M, A). <see cref="Bottom"/> is FlowJo's display minimum for linear axes
/// (display bins start there); <see cref="Resolution"/> the number of display bins.
/// </summary>
internal sealed record DisplayTransform(DisplayKind Kind, double T, double W, double M, double A, double Bottom, int Resolution, string XmlPath)
{
    /// <summary>For <see cref="DisplayKind.Table"/>: FlowJo 9's calibration table, the data value at each of its evenly spaced channels.</summary>
    public double[]? Table { get; init; }
}
