namespace CytoViability.Core.Templates;

/// <summary>A channel's display transform with Gating-ML's parameter letters (T top of scale, W width, M decades, A extra).</summary>
internal sealed record TransformDefinition(TransformKind Kind, double T, double W, double M, double A, TextPosition Position);
