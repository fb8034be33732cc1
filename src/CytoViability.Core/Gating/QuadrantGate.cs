namespace CytoViability.Core.Gating;

/// <summary>
/// Dividers and the named quadrants they make. The quadrants are the populations (each with
/// <see cref="Gate.ParentId"/> as parent); the gate's own id names no population.
/// </summary>
internal sealed record QuadrantGate(string Id, string? ParentId, IReadOnlyList<QuadrantDivider> Dividers, IReadOnlyList<Quadrant> Quadrants)
    : Gate(Id, ParentId)
{
    /// <inheritdoc/>
    public override IReadOnlyList<GateDimension> Dimensions => [.. Dividers.Select(divider => divider.Dimension)];

    /// <summary>
    /// The usual two-axis quadrant gate: four quadrants named <paramref name="negativeNegative"/> (x below, y below),
    /// <paramref name="positiveNegative"/> (x at or above, y below), <paramref name="negativePositive"/>,
    /// <paramref name="positivePositive"/>; a null name leaves that quadrant out.
    /// </summary>
    public static QuadrantGate TwoByTwo(
        string id,
        string? parentId,
        GateDimension x,
        double xDivider,
        GateDimension y,
        double yDivider,
        string? negativeNegative,
        string? positiveNegative,
        string? negativePositive,
        string? positivePositive)
    {
        var xId = id + ".x";
        var yId = id + ".y";
        var quadrants = new List<Quadrant>();
        void Add(string? name, int xInterval, int yInterval)
        {
            if (name is not null)
            {
                quadrants.Add(new Quadrant(name, [new QuadrantPosition(xId, xInterval), new QuadrantPosition(yId, yInterval)]));
            }
        }

        Add(negativeNegative, 0, 0);
        Add(positiveNegative, 1, 0);
        Add(negativePositive, 0, 1);
        Add(positivePositive, 1, 1);
        return new QuadrantGate(id, parentId, [new QuadrantDivider(xId, x, [xDivider]), new QuadrantDivider(yId, y, [yDivider])], quadrants);
    }
}
