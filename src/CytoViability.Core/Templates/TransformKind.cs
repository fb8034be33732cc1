namespace CytoViability.Core.Templates;

internal enum TransformKind
{
    Linear,
    Log,
    Asinh,
    Logicle,
    Hyperlog,
    Biex,
}
