using CytoViability.Core.Examples;
using MathNet.Numerics.LinearAlgebra;

namespace CytoViability.Core.Tests.Examples;

/// <summary>
/// Compensates a simulated tube independently of the engine: the detector row vector times the inverse of a
/// spillover matrix (MathNet), detector-major.
/// </summary>
internal static class Compensated
{
    public static double[][] Fluorescence(SimulatedTube tube, double[,] spillover)
    {
        var inverse = Matrix<double>.Build.DenseOfArray(spillover).Inverse();
        var result = new double[CantoII.FluorescenceCount][];
        for (var d = 0; d < result.Length; d++)
        {
            result[d] = new double[tube.Labels.Length];
        }

        for (var i = 0; i < tube.Labels.Length; i++)
        {
            for (var d = 0; d < CantoII.FluorescenceCount; d++)
            {
                var sum = 0.0;
                for (var k = 0; k < CantoII.FluorescenceCount; k++)
                {
                    sum += tube.Columns[CantoII.FirstFluorescenceColumn + k][i] * inverse[k, d];
                }

                result[d][i] = sum;
            }
        }

        return result;
    }
}
