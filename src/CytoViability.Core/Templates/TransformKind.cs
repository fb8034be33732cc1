namespace CytoViability.Core.Templates;

public enum TransformKind
{
    Linear,
    Log,
    Asinh,
    Logicle,
    Hyperlog,
    Biex,
}
