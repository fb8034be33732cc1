namespace CytoViability.Core.Templates;

internal enum CompensationKind
{
    /// <summary>The file's own $SPILLOVER or FACSDiva SPILL.</summary>
    File,

    None,

    /// <summary>A matrix CSV named by the template.</summary>
    Matrix,
}
