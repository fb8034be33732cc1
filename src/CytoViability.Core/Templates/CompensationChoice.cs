using CytoViability.Core.Gating;

namespace CytoViability.Core.Templates;

/// <summary>
/// The template's compensation as written: the <see cref="CompensationSource"/> Gating uses, plus the matrix CSV when
/// the source is <see cref="CompensationSource.Matrix"/> (compiled, it becomes a <see cref="CompensationReference"/> by id).
/// </summary>
internal sealed record CompensationChoice(CompensationSource Source, CompensationMatrixFile? Matrix)
{
    public static CompensationChoice FromFile { get; } = new(CompensationSource.File, null);
}
