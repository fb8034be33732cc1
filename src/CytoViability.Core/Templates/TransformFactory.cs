using CytoViability.Core.Transforms;

namespace CytoViability.Core.Templates;

/// <summary>The gating engine's transform for a template's transform definition.</summary>
internal static class TransformFactory
{
    /// <summary>Creates the transform; an impossible parameter set throws <see cref="ArgumentException"/> naming the rule.</summary>
    public static ITransform Create(TransformDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Kind switch
        {
            TransformKind.Linear => new LinearTransform(definition.T, definition.A),
            TransformKind.Log => new LogTransform(definition.T, definition.M),
            TransformKind.Asinh => new AsinhTransform(definition.T, definition.M, definition.A),
            TransformKind.Logicle => new LogicleTransform(definition.T, definition.W, definition.M, definition.A),
            TransformKind.Hyperlog => new HyperlogTransform(definition.T, definition.W, definition.M, definition.A),
            _ => new BiexponentialTransform(definition.T, definition.M, definition.A, definition.W),
        };
    }
}
