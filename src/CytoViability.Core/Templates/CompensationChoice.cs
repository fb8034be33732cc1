namespace CytoViability.Core.Templates;

public sealed record CompensationChoice(CompensationKind Kind, CompensationMatrixFile? Matrix)
{
    public static CompensationChoice FromFile { get; } = new(CompensationKind.File, null);
}
