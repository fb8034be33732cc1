using System.Globalization;
using CytoViability.Core.Fcs;
using MathNet.Numerics.LinearAlgebra;

namespace CytoViability.Core.Compensation;

/// <summary>
/// A spillover (spectrum) matrix: row f is how fluorochrome f appears in each detector, columns are the detectors.
/// Observed detector values are d = c·S for fluorochrome amounts c, so compensation is c = d·S⁻¹ (the pseudo-inverse
/// when there are more detectors than fluorochromes). For a file's <c>$SPILLOVER</c> the fluorochromes are the
/// detectors themselves; a Gating-ML spectrumMatrix names them separately (e.g. FITC over FL1-H).
/// </summary>
internal sealed class CompensationMatrix
{
    /// <summary>How many distinct matrices' inverses are remembered (a batch rarely has more than one or two).</summary>
    private const int InvertedCapacity = 16;

    private static readonly Lock InvertedGate = new();
    private static readonly List<(CompensationMatrix Matrix, double[,] Unmixing)> Inverted = [];

    private readonly double[,] _spillover;
    private double[,]? _unmixing;

    /// <summary>Creates the matrix; <paramref name="spillover"/> is fluorochromes × detectors.</summary>
    public CompensationMatrix(string id, IReadOnlyList<string> fluorochromes, IReadOnlyList<string> detectors, double[,] spillover)
    {
        ArgumentNullException.ThrowIfNull(fluorochromes);
        ArgumentNullException.ThrowIfNull(detectors);
        ArgumentNullException.ThrowIfNull(spillover);
        if (fluorochromes.Count == 0 || spillover.GetLength(0) != fluorochromes.Count || spillover.GetLength(1) != detectors.Count)
        {
            throw new CompensationException("spillover matrix '" + id + "' is " + spillover.GetLength(0) + "×" + spillover.GetLength(1)
                + " but names " + fluorochromes.Count + " fluorochromes and " + detectors.Count + " detectors");
        }

        if (detectors.Count < fluorochromes.Count)
        {
            throw new CompensationException("spillover matrix '" + id + "' has fewer detectors (" + detectors.Count + ") than fluorochromes (" + fluorochromes.Count + ")");
        }

        foreach (var value in spillover)
        {
            if (!double.IsFinite(value))
            {
                throw new CompensationException("spillover matrix '" + id + "' holds a non-finite coefficient");
            }
        }

        Id = id;
        Fluorochromes = [.. fluorochromes];
        Detectors = [.. detectors];
        _spillover = (double[,])spillover.Clone();
    }

    /// <summary>Id by which dimensions refer to the matrix (<c>FCS</c> for a file's own spillover).</summary>
    public string Id { get; }

    /// <summary>Row names: what the compensated dimensions are called.</summary>
    public IReadOnlyList<string> Fluorochromes { get; }

    /// <summary>Column names: the file's channels (<c>$PnN</c>) the matrix reads.</summary>
    public IReadOnlyList<string> Detectors { get; }

    /// <summary>Spillover of fluorochrome <paramref name="row"/> into detector <paramref name="column"/>.</summary>
    public double this[int row, int column] => _spillover[row, column];

    /// <summary>A square matrix whose fluorochromes are its detectors (a file's $SPILLOVER, a matrix CSV).</summary>
    public static CompensationMatrix Square(string id, IReadOnlyList<string> channels, double[,] spillover) =>
        new(id, channels, channels, spillover);

    /// <summary>A file's <c>$SPILLOVER</c>/<c>SPILL</c> as a square matrix over its channels.</summary>
    public static CompensationMatrix FromSpillover(SpilloverMatrix spillover, string id = "FCS")
    {
        ArgumentNullException.ThrowIfNull(spillover);
        var values = new double[spillover.Size, spillover.Size];
        for (var row = 0; row < spillover.Size; row++)
        {
            for (var column = 0; column < spillover.Size; column++)
            {
                values[row, column] = spillover[row, column];
            }
        }

        return Square(id, spillover.Channels, values);
    }

    /// <summary>
    /// Index of the compensated dimension called <paramref name="name"/>: a fluorochrome, or for a square matrix
    /// the detector at the same position; -1 when the matrix does not compensate it.
    /// </summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Fluorochromes.Count; i++)
        {
            if (string.Equals(Fluorochromes[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        if (Detectors.Count == Fluorochromes.Count)
        {
            for (var i = 0; i < Detectors.Count; i++)
            {
                if (string.Equals(Detectors[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// detectors × fluorochromes: compensated[f] = Σ_d observed[d]·U[d, f]. Inverted once (MathNet), on first use.
    /// </summary>
    internal double[,] Unmixing() => _unmixing ??= InvertedBefore() ?? Remember(Invert());

    /// <summary>
    /// The unmixing of an equal matrix inverted before in this process (same shape and every coefficient bit for
    /// bit), so the result is the one inverting would give. Every file of a batch usually carries the same
    /// acquisition matrix, and inverting it (determinant, condition number, inverse through MathNet) twice per file,
    /// for placement and for gating, took about 1.5 % of the 64-file ADCC batch's CPU (perf).
    /// </summary>
    private double[,]? InvertedBefore()
    {
        lock (InvertedGate)
        {
            foreach (var (matrix, unmixing) in Inverted)
            {
                if (SameAs(matrix))
                {
                    return unmixing;
                }
            }
        }

        return null;
    }

    private double[,] Remember(double[,] unmixing)
    {
        lock (InvertedGate)
        {
            if (Inverted.Count == InvertedCapacity)
            {
                Inverted.RemoveAt(0);
            }

            Inverted.Add((this, unmixing));
        }

        return unmixing;
    }

    private bool SameAs(CompensationMatrix other)
    {
        // The names do not enter the inversion: only the shape and the coefficients do.
        if (other._spillover.GetLength(0) != _spillover.GetLength(0) || other._spillover.GetLength(1) != _spillover.GetLength(1))
        {
            return false;
        }

        for (var row = 0; row < _spillover.GetLength(0); row++)
        {
            for (var column = 0; column < _spillover.GetLength(1); column++)
            {
                if (BitConverter.DoubleToInt64Bits(_spillover[row, column]) != BitConverter.DoubleToInt64Bits(other._spillover[row, column]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private double[,] Invert()
    {
        var spillover = Matrix<double>.Build.DenseOfArray(_spillover);
        Matrix<double> unmixing;
        if (Fluorochromes.Count == Detectors.Count)
        {
            var determinant = spillover.Determinant();
            if (determinant == 0 || !double.IsFinite(determinant) || spillover.ConditionNumber() > 1e12)
            {
                throw new CompensationException("spillover matrix '" + Id + "' is singular (condition number "
                    + spillover.ConditionNumber().ToString("G4", CultureInfo.InvariantCulture) + ") and cannot be inverted");
            }

            unmixing = spillover.Inverse();
        }
        else
        {
            unmixing = spillover.PseudoInverse();
        }

        return unmixing.ToArray();
    }
}
