namespace CytoViability.Core.Output;

/// <summary>One row of mfi.csv (sample × population × channel); <paramref name="Count"/> follows the contract's columns.</summary>
internal sealed record MfiRow(
    string Sample,
    string Population,
    string Channel,
    string Marker,
    double Mean,
    double Median,
    double GeometricMean,
    long NonPositiveCount,
    double DisplayMean,
    double Cv,
    double RobustCv,
    long Count);
