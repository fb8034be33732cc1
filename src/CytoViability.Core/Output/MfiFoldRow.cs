namespace CytoViability.Core.Output;

/// <summary>One row of mfi_fold.csv (donor × condition): log2 of the geometric MFI over the matched reference's.</summary>
internal sealed record MfiFoldRow(
    string Donor,
    IReadOnlyList<string> Conditions,
    double GeometricMean,
    double ReferenceGeometricMean,
    double Log2Fold);
