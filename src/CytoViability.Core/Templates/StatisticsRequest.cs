namespace CytoViability.Core.Templates;

/// <summary>What populations.csv and mfi.csv report; <see cref="Populations"/> null means every population.</summary>
internal sealed record StatisticsRequest(IReadOnlyList<string>? Populations, IReadOnlyList<MfiRequest> Mfi)
{
    public static StatisticsRequest Everything { get; } = new(null, []);
}
