namespace CytoViability.Core.Templates;

internal sealed record CompensationChoice(CompensationKind Kind, CompensationMatrixFile? Matrix)
{
    public static CompensationChoice FromFile { get; } = new(CompensationKind.File, null);
}
