namespace CytoViability.Core.FlowJo;

/// <summary>A gate as FlowJo stored it; <see cref="XmlPath"/> names the element for problem reports.</summary>
internal abstract record WorkspaceGate(string XmlPath)
{
    /// <summary>The FlowJo parameter names the gate reads (empty for boolean gates).</summary>
    public abstract IReadOnlyList<string> Parameters { get; }

    /// <summary>Whether FlowJo evaluates this gate on binned display data (polygons, ellipses).</summary>
    public virtual bool BinnedByFlowJo => false;
}

/// <summary>min ≤ x &lt; max per dimension in data units; one dimension is a range. CurlyQuad marks FlowJo's bent quadrant.</summary>
internal sealed record RectangleWorkspaceGate(string XmlPath, IReadOnlyList<(string Parameter, double? Min, double? Max)> Dimensions, bool CurlyQuad)
    : WorkspaceGate(XmlPath)
{
    public override IReadOnlyList<string> Parameters => Dimensions.Select(dimension => dimension.Parameter).ToArray();
}

/// <summary>A polygon with vertices in data units (FlowJo 9 PolyRects are polygons too: FlowJo bins them alike).</summary>
internal sealed record PolygonWorkspaceGate(string XmlPath, string X, string Y, IReadOnlyList<(double X, double Y)> Vertices, int Resolution)
    : WorkspaceGate(XmlPath)
{
    public override IReadOnlyList<string> Parameters => [X, Y];

    public override bool BinnedByFlowJo => true;
}

/// <summary>
/// An ellipse as FlowJo stores it: FlowJo 10 gives two foci and four points on the ellipse in display
/// coordinates (0 to <see cref="Resolution"/> per axis); FlowJo 9 gives the two ends of each axis in data units
/// (<see cref="Foci"/> empty, <see cref="InDisplayUnits"/> false).
/// </summary>
internal sealed record EllipseWorkspaceGate(string XmlPath, string X, string Y, IReadOnlyList<(double X, double Y)> Foci, IReadOnlyList<(double X, double Y)> Edge, bool InDisplayUnits, int Resolution)
    : WorkspaceGate(XmlPath)
{
    public override IReadOnlyList<string> Parameters => [X, Y];

    public override bool BinnedByFlowJo => true;
}

internal enum WorkspaceBooleanKind
{
    And,
    Or,
    Not,
}

/// <summary>FlowJo's AndNode/OrNode/NotNode: operands are slash paths of other populations.</summary>
internal sealed record BooleanWorkspaceGate(string XmlPath, WorkspaceBooleanKind Kind, IReadOnlyList<string> Dependents)
    : WorkspaceGate(XmlPath)
{
    public override IReadOnlyList<string> Parameters => [];
}

/// <summary>A gate element this importer does not understand (kept so it is reported, never dropped silently).</summary>
internal sealed record UnsupportedWorkspaceGate(string XmlPath, string Element, string Reason)
    : WorkspaceGate(XmlPath)
{
    public override IReadOnlyList<string> Parameters => [];
}
