namespace CytoViability.Core.Templates;

public enum MfiStatistic
{
    GeometricMean,
    Median,
    DisplayMean,
}
