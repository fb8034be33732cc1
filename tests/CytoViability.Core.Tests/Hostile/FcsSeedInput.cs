namespace CytoViability.Core.Tests.Hostile;

/// <summary>One starting file for the mutators: its bytes, and its editable model when it could be taken apart.</summary>
internal sealed record FcsSeedInput(string Name, byte[] Bytes, FcsSeed? Model);
