namespace CytoViability.Core.Templates;

/// <summary>
/// Where a method looks: between two data values, or below / above the main cluster's mode (so the search
/// follows a re-set-up cytometer). Whole axis when the template gives no range.
/// </summary>
internal sealed record SearchRange(SearchRangeKind Kind, double Minimum, double Maximum)
{
    public static SearchRange WholeAxis { get; } = new(SearchRangeKind.Between, double.NegativeInfinity, double.PositiveInfinity);

    public override string ToString() => Kind switch
    {
        SearchRangeKind.BelowMainCluster => "below main cluster",
        SearchRangeKind.AboveMainCluster => "above main cluster",
        _ => double.IsInfinity(Minimum) && double.IsInfinity(Maximum) ? "whole axis" : "[" + Format(Minimum) + ", " + Format(Maximum) + "]",
    };

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

internal enum SearchRangeKind
{
    Between,
    BelowMainCluster,
    AboveMainCluster,
}
