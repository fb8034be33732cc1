namespace CytoViability.Core.Assays;

/// <summary>The sample and file of one well, so a problem found after averaging can name the wells behind it.</summary>
internal sealed record WellReference(string Sample, string File);
