namespace CytoViability.Core.Gating;

/// <summary>The covariance matrices of ellipse and ellipsoid gates: the checks and the construction every format uses.</summary>
internal static class Covariance
{
    /// <summary>Cholesky succeeds only for a symmetric positive definite matrix.</summary>
    public static bool IsPositiveDefinite(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var lower = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= lower[i, k] * lower[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return false;
                    }

                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }

        return true;
    }

    /// <summary>C = R diag(rx², ry²) Rᵀ, R the rotation by the angle: the ellipse with these half-axes at d² = 1.</summary>
    public static double[,] FromRadii(double radiusX, double radiusY, double angleDegrees)
    {
        var radians = angleDegrees * Math.PI / 180;
        var cos = Math.Cos(radians);
        var sin = Math.Sin(radians);
        var a = radiusX * radiusX;
        var b = radiusY * radiusY;
        var covariance = new double[2, 2];
        covariance[0, 0] = (a * cos * cos) + (b * sin * sin);
        covariance[1, 1] = (a * sin * sin) + (b * cos * cos);
        covariance[0, 1] = (a - b) * sin * cos;
        covariance[1, 0] = covariance[0, 1];
        return covariance;
    }

    /// <summary>The inverse (MathNet), which the ellipsoid test d² = (x − μ)ᵀ C⁻¹ (x − μ) needs; null for a singular matrix.</summary>
    public static double[,]? Inverse(double[,] covariance)
    {
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(covariance);
        return matrix.Determinant() == 0 ? null : matrix.Inverse().ToArray();
    }
}
