namespace CytoViability.Core.Gating;

/// <summary>A dimension's compensation: none, the file's spillover, or a strategy matrix named by <see cref="MatrixId"/>.</summary>
internal sealed record CompensationReference
{
    private CompensationReference(CompensationSource source, string? matrixId)
    {
        Source = source;
        MatrixId = matrixId;
    }

    /// <summary>Scale values, no compensation.</summary>
    public static CompensationReference Uncompensated { get; } = new(CompensationSource.Uncompensated, null);

    /// <summary>The file's own spillover.</summary>
    public static CompensationReference File { get; } = new(CompensationSource.File, null);

    /// <summary>Which kind of compensation.</summary>
    public CompensationSource Source { get; }

    /// <summary>Id of the strategy matrix when <see cref="Source"/> is <see cref="CompensationSource.Matrix"/>.</summary>
    public string? MatrixId { get; }

    /// <summary>Compensation by the strategy matrix <paramref name="matrixId"/>.</summary>
    public static CompensationReference Matrix(string matrixId)
    {
        ArgumentException.ThrowIfNullOrEmpty(matrixId);
        return new(CompensationSource.Matrix, matrixId);
    }

    /// <summary>The Gating-ML spelling: <c>uncompensated</c>, <c>FCS</c> or the matrix id.</summary>
    public override string ToString() => Source switch
    {
        CompensationSource.Uncompensated => "uncompensated",
        CompensationSource.File => "FCS",
        _ => MatrixId!,
    };
}
