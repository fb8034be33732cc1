namespace CytoViability.Core.Transforms;

/// <summary>
/// A transform whose <see cref="ITransform.Forward(double)"/> is strictly increasing, keeps NaN as NaN and ±∞ as ±∞,
/// is finite on finite values, and is accurate far beyond <see cref="Preimage"/>'s band. A bound on the transformed
/// axis is then a bound on the data axis, except for data values inside the band, which must be transformed to decide.
/// </summary>
internal interface IIncreasingTransform : ITransform
{
    /// <summary>
    /// Data values around the pre-image of <paramref name="bound"/> (finite): every finite value below
    /// <c>Below</c> transforms to less than the bound and every finite value above <c>Above</c> to more.
    /// </summary>
    (double Below, double Above) Preimage(double bound);
}
