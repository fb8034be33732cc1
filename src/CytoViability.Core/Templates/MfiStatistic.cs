namespace CytoViability.Core.Templates;

internal enum MfiStatistic
{
    GeometricMean,
    Median,
    DisplayMean,
}
