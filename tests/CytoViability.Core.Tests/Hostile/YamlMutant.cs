namespace CytoViability.Core.Tests.Hostile;

/// <summary>What a YAML mutation did, and whether the result can no longer be a valid template.</summary>
internal sealed record YamlMutant(string Kind, byte[] Bytes, bool MustBeRefused);
