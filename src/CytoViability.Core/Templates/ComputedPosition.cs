namespace CytoViability.Core.Templates;

/// <summary>
/// A gate coordinate computed from the events of the gate's parent population on the template's transformed axis
/// (docs/templates.md §1.8.2). <see cref="Allowed"/> and <see cref="Fallback"/> are data values; a null fallback
/// means the group's value (the whole run's pooled position).
/// </summary>
internal sealed record ComputedPosition(
    PlacementMethod Method,
    PlacementScope Scope,
    SearchRange Range,
    (double Minimum, double Maximum)? Allowed,
    double? Fallback,
    TextPosition Position)
{
    /// <summary>Valley: kernel bandwidth on the transformed axis (null: the method's default).</summary>
    public double? Bandwidth { get; init; }

    /// <summary>Valley: the two modes must lie at least this far apart on the transformed axis.</summary>
    public double? Separation { get; init; }

    /// <summary>Valley: density at the valley at most this fraction of the smaller mode's peak.</summary>
    public double? ValleyRatio { get; init; }

    /// <summary>Fewer events than this in the pooled parent: the method does not decide, the fallback is used.</summary>
    public int MinimumEvents { get; init; } = 100;

    /// <summary>Quantile: the probability (0–1).</summary>
    public double Probability { get; init; }

    /// <summary>Tail: density fraction of the peak where the cut is made.</summary>
    public double Tolerance { get; init; }

    /// <summary>Tail: true for the tail above the mode (positive events), false below.</summary>
    public bool Above { get; init; } = true;

    /// <summary>Band: half-width in MADs.</summary>
    public double K { get; init; }

    /// <summary>Cluster: the bound is this multiple of the main cluster's mode (data units).</summary>
    public double Times { get; init; }

    public ControlSelection? Control { get; init; }

    /// <summary>The method with its parameters, as gates.csv's method column and run.json write it.</summary>
    public string Describe()
    {
        static string F(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        return Method switch
        {
            PlacementMethod.Valley => "valley",
            PlacementMethod.Quantile => "quantile " + F(Probability),
            PlacementMethod.Tail => "tail " + F(Tolerance) + (Above ? " above" : " below"),
            PlacementMethod.Control => "control " + (Control!.Summary == ControlSummary.Percentile ? "percentile " : "mean_plus_sd ") + F(Control.Value),
            PlacementMethod.Band => "band " + F(K) + " robust sd",
            _ => "cluster x" + F(Times),
        };
    }
}
