namespace CytoViability.Library;

/// <summary>Fluorescence of one channel in one population (an mfi.csv row), on the scale values, compensated as the template says.</summary>
/// <param name="Population">The population id.</param>
/// <param name="Channel">The template's channel alias.</param>
/// <param name="Marker">The file's $PnS for that channel, else its $PnN.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Median">Median.</param>
/// <param name="GeometricMean">Geometric mean of the positive values.</param>
/// <param name="DisplayMean">Mean on the channel's display transform, transformed back (FlowJo's "mean" on a biexponential axis).</param>
/// <param name="Cv">Coefficient of variation, percent.</param>
/// <param name="RobustCv">Robust CV (from the median absolute deviation), percent.</param>
/// <param name="Count">Events measured.</param>
/// <param name="NonPositiveCount">Events at or below zero (left out of the geometric mean).</param>
public sealed record MfiResult(string Population, string Channel, string Marker, double Mean, double Median, double GeometricMean, double DisplayMean, double Cv, double RobustCv, long Count, long NonPositiveCount);
