namespace CytoViability.Core.Templates;

/// <summary>log2 of an MFI statistic in a condition over the donor's matched reference condition.</summary>
internal sealed record MfiFoldRequest(string Population, string Channel, IReadOnlyList<ConditionValue> Reference, MfiStatistic Statistic);
