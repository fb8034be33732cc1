using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CytoViability.Core.Compensation;
using CytoViability.Core.Gating;
using CytoViability.Core.Transforms;
using static CytoViability.Core.GatingMl.GatingMlNames;

namespace CytoViability.Core.GatingMl;

/// <summary>
/// Reads a Gating-ML 2.0 document into a <see cref="GatingStrategy"/>: every gate type (rectangle/range, polygon,
/// ellipsoid, quadrant, boolean), every transformation (flin, flog, fasinh, logicle, hyperlog, fratio),
/// spectrum matrices, and the compensation references <c>uncompensated</c>, <c>FCS</c> and matrix ids. Gates are
/// found wherever they sit in the document (some tools wrap them in their own elements). Errors carry line and column.
/// </summary>
internal static class GatingMlReader
{
    private const long MaximumBytes = 64L << 20;

    /// <summary>Reads the document at <paramref name="path"/> (opened read-only).</summary>
    public static GatingStrategy ReadFile(string path)
        => XmlDocumentLoader.ReadFile(path, MaximumBytes, "larger than 64 MB; not a Gating-ML document", null, Read);

    /// <summary>Reads a document from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static GatingStrategy Read(Stream stream, string source)
    {
        var document = XmlDocumentLoader.Load(stream, source, ignoreDoctype: false);

        return Read(document, source);
    }

    /// <summary>Reads a document given as text.</summary>
    public static GatingStrategy Parse(string xml, string source)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        return Read(stream, source);
    }

    private static GatingStrategy Read(XDocument document, string source)
    {
        var root = document.Root ?? throw new GatingMlException(source, 0, 0, "empty document");
        if (root.Name != GatingNs + "Gating-ML")
        {
            throw Error(source, root, "the root element is <" + root.Name.LocalName + ">, not a Gating-ML 2.0 <gating:Gating-ML>");
        }

        var context = new Context(source);
        foreach (var element in root.Descendants(TransformsNs + "transformation"))
        {
            ReadTransformation(context, element);
        }

        foreach (var element in root.Descendants(TransformsNs + "spectrumMatrix"))
        {
            ReadSpectrumMatrix(context, element);
        }

        var gates = new List<Gate>();
        foreach (var element in root.Descendants())
        {
            if (element.Name.Namespace != GatingNs)
            {
                continue;
            }

            Gate? gate = element.Name.LocalName switch
            {
                "RectangleGate" => ReadRectangle(context, element),
                "PolygonGate" => ReadPolygon(context, element),
                "EllipsoidGate" => ReadEllipsoid(context, element),
                "QuadrantGate" => ReadQuadrants(context, element),
                "BooleanGate" => ReadBoolean(context, element),
                "PolytopeGate" => throw Error(source, element, "PolytopeGate is not part of Gating-ML 2.0"),
                _ => null,
            };
            if (gate is not null)
            {
                gates.Add(gate);
            }
        }

        try
        {
            return new GatingStrategy(gates, context.Transforms, context.Ratios, context.Matrices);
        }
        catch (GateReferenceException exception)
        {
            throw new GatingMlException(source, 0, 0, exception.Message, exception);
        }
    }

    private static void ReadTransformation(Context context, XElement element)
    {
        var id = Required(context, element, TransformsNs, "id");
        var definition = element.Elements().FirstOrDefault(child => child.Name.Namespace == TransformsNs)
            ?? throw Error(context.Source, element, "transformation '" + id + "' has no definition");
        try
        {
            switch (definition.Name.LocalName)
            {
                case "fratio":
                    var names = definition.Elements(DataTypeNs + "fcs-dimension").Select(dimension => Required(context, dimension, DataTypeNs, "name")).ToList();
                    if (names.Count != 2)
                    {
                        throw Error(context.Source, definition, "fratio '" + id + "' needs exactly two fcs-dimension elements, has " + names.Count);
                    }

                    AddUnique(context, context.Ratios, id, new RatioTransform(names[0], names[1], Number(context, definition, "A"), Number(context, definition, "B"), Number(context, definition, "C")), element);
                    return;
                case "flin":
                    AddTransform(context, id, new LinearTransform(Number(context, definition, "T"), Number(context, definition, "A")), element);
                    return;
                case "flog":
                    AddTransform(context, id, new LogTransform(Number(context, definition, "T"), Number(context, definition, "M")), element);
                    return;
                case "fasinh":
                    AddTransform(context, id, new AsinhTransform(Number(context, definition, "T"), Number(context, definition, "M"), Number(context, definition, "A")), element);
                    return;
                case "logicle":
                    AddTransform(context, id, new LogicleTransform(Number(context, definition, "T"), Number(context, definition, "W"), Number(context, definition, "M"), Number(context, definition, "A")), element);
                    return;
                case "hyperlog":
                    AddTransform(context, id, new HyperlogTransform(Number(context, definition, "T"), Number(context, definition, "W"), Number(context, definition, "M"), Number(context, definition, "A")), element);
                    return;
                default:
                    throw Error(context.Source, definition, "transformation '" + id + "': unknown kind <" + definition.Name.LocalName + ">");
            }
        }
        catch (ArgumentException exception)
        {
            throw Error(context.Source, definition, "transformation '" + id + "': " + exception.Message);
        }
    }

    private static void AddTransform(Context context, string id, ITransform transform, XElement element) =>
        AddUnique(context, context.Transforms, id, transform, element);

    private static void AddUnique<T>(Context context, Dictionary<string, T> into, string id, T value, XElement element)
    {
        if (context.TransformIds.Contains(id) || !into.TryAdd(id, value))
        {
            throw Error(context.Source, element, "transformation id '" + id + "' is defined twice");
        }

        context.TransformIds.Add(id);
    }

    private static void ReadSpectrumMatrix(Context context, XElement element)
    {
        var id = Required(context, element, TransformsNs, "id");
        List<string> Names(string part) =>
            [.. (element.Element(TransformsNs + part)?.Elements(DataTypeNs + "fcs-dimension") ?? []).Select(dimension => Required(context, dimension, DataTypeNs, "name"))];
        var fluorochromes = Names("fluorochromes");
        var detectors = Names("detectors");
        var rows = element.Elements(TransformsNs + "spectrum").ToList();
        if (rows.Count != fluorochromes.Count)
        {
            throw Error(context.Source, element, "spectrumMatrix '" + id + "' names " + fluorochromes.Count + " fluorochromes but has " + rows.Count + " spectrum rows");
        }

        var values = new double[fluorochromes.Count, detectors.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var coefficients = rows[r].Elements(TransformsNs + "coefficient").ToList();
            if (coefficients.Count != detectors.Count)
            {
                throw Error(context.Source, rows[r], "spectrumMatrix '" + id + "': a spectrum has " + coefficients.Count + " coefficients for " + detectors.Count + " detectors");
            }

            for (var c = 0; c < coefficients.Count; c++)
            {
                values[r, c] = Number(context, coefficients[c], TransformsNs, "value");
            }
        }

        try
        {
            if (id is "FCS" or "uncompensated" || !context.Matrices.TryAdd(id, new CompensationMatrix(id, fluorochromes, detectors, values)))
            {
                throw Error(context.Source, element, "spectrumMatrix id '" + id + "' is reserved or defined twice");
            }
        }
        catch (CompensationException exception)
        {
            throw Error(context.Source, element, exception.Message);
        }
    }

    private static RectangleGate ReadRectangle(Context context, XElement element)
    {
        var id = Required(context, element, GatingNs, "id");
        var bounds = new List<DimensionBound>();
        foreach (var dimension in element.Elements(GatingNs + "dimension"))
        {
            var min = OptionalNumber(context, dimension, GatingNs, "min");
            var max = OptionalNumber(context, dimension, GatingNs, "max");
            if (min is null && max is null)
            {
                throw Error(context.Source, dimension, "rectangle gate '" + id + "': a dimension needs a min, a max or both");
            }

            bounds.Add(new DimensionBound(ReadDimension(context, dimension), min, max));
        }

        if (bounds.Count == 0)
        {
            throw Error(context.Source, element, "rectangle gate '" + id + "' has no dimension");
        }

        return new RectangleGate(id, Parent(element), bounds);
    }

    private static PolygonGate ReadPolygon(Context context, XElement element)
    {
        var id = Required(context, element, GatingNs, "id");
        var dimensions = element.Elements(GatingNs + "dimension").Select(dimension => ReadDimension(context, dimension)).ToList();
        if (dimensions.Count != 2)
        {
            throw Error(context.Source, element, "polygon gate '" + id + "' needs exactly two dimensions, has " + dimensions.Count);
        }

        var vertices = new List<PolygonVertex>();
        foreach (var vertex in element.Elements(GatingNs + "vertex"))
        {
            var coordinates = vertex.Elements(GatingNs + "coordinate").Select(coordinate => Number(context, coordinate, DataTypeNs, "value")).ToList();
            if (coordinates.Count != 2)
            {
                throw Error(context.Source, vertex, "polygon gate '" + id + "': a vertex needs two coordinates, has " + coordinates.Count);
            }

            vertices.Add(new PolygonVertex(coordinates[0], coordinates[1]));
        }

        if (vertices.Count < 3)
        {
            throw Error(context.Source, element, "polygon gate '" + id + "' needs at least three vertices, has " + vertices.Count);
        }

        return new PolygonGate(id, Parent(element), dimensions[0], dimensions[1], vertices);
    }

    private static EllipsoidGate ReadEllipsoid(Context context, XElement element)
    {
        var id = Required(context, element, GatingNs, "id");
        var dimensions = element.Elements(GatingNs + "dimension").Select(dimension => ReadDimension(context, dimension)).ToList();
        var meanElement = element.Element(GatingNs + "mean") ?? throw Error(context.Source, element, "ellipsoid gate '" + id + "' has no mean");
        var mean = meanElement.Elements(GatingNs + "coordinate").Select(coordinate => Number(context, coordinate, DataTypeNs, "value")).ToList();
        var covarianceElement = element.Element(GatingNs + "covarianceMatrix") ?? throw Error(context.Source, element, "ellipsoid gate '" + id + "' has no covarianceMatrix");
        var covariance = covarianceElement.Elements(GatingNs + "row")
            .Select(row => (IReadOnlyList<double>)[.. row.Elements(GatingNs + "entry").Select(entry => Number(context, entry, DataTypeNs, "value"))])
            .ToList();
        var distanceElement = element.Element(GatingNs + "distanceSquare") ?? throw Error(context.Source, element, "ellipsoid gate '" + id + "' has no distanceSquare");
        var distanceSquare = Number(context, distanceElement, DataTypeNs, "value");
        if (dimensions.Count == 0 || mean.Count != dimensions.Count || covariance.Count != dimensions.Count || covariance.Any(row => row.Count != dimensions.Count))
        {
            throw Error(context.Source, element, "ellipsoid gate '" + id + "': " + dimensions.Count + " dimensions need a mean of that many coordinates and a square covariance matrix of that size");
        }

        return new EllipsoidGate(id, Parent(element), dimensions, mean, covariance, distanceSquare);
    }

    private static QuadrantGate ReadQuadrants(Context context, XElement element)
    {
        var id = Required(context, element, GatingNs, "id");
        var dividers = new List<QuadrantDivider>();
        foreach (var divider in element.Elements(GatingNs + "divider"))
        {
            var dividerId = Required(context, divider, GatingNs, "id");
            var values = divider.Elements(GatingNs + "value").Select(value => ParseNumber(context, value, value.Value)).ToList();
            if (values.Count == 0)
            {
                throw Error(context.Source, divider, "divider '" + dividerId + "' has no value");
            }

            for (var i = 1; i < values.Count; i++)
            {
                if (!(values[i] > values[i - 1]))
                {
                    throw Error(context.Source, divider, "divider '" + dividerId + "' values must ascend");
                }
            }

            dividers.Add(new QuadrantDivider(dividerId, ReadDimension(context, divider), values));
        }

        var quadrants = new List<Quadrant>();
        foreach (var quadrant in element.Elements(GatingNs + "Quadrant"))
        {
            var quadrantId = Required(context, quadrant, GatingNs, "id");
            var positions = new List<QuadrantPosition>();
            foreach (var position in quadrant.Elements(GatingNs + "position"))
            {
                var dividerId = Required(context, position, GatingNs, "divider_ref");
                var divider = dividers.FirstOrDefault(d => d.Id == dividerId)
                    ?? throw Error(context.Source, position, "quadrant '" + quadrantId + "' refers to divider '" + dividerId + "', which gate '" + id + "' does not have");
                var location = Number(context, position, GatingNs, "location");
                var interval = 0;
                while (interval < divider.Values.Count && location >= divider.Values[interval])
                {
                    interval++;
                }

                positions.Add(new QuadrantPosition(dividerId, interval));
            }

            quadrants.Add(new Quadrant(quadrantId, positions));
        }

        return new QuadrantGate(id, Parent(element), dividers, quadrants);
    }

    private static BooleanGate ReadBoolean(Context context, XElement element)
    {
        var id = Required(context, element, GatingNs, "id");
        var operations = element.Elements().Where(child => child.Name.Namespace == GatingNs && child.Name.LocalName is "and" or "or" or "not").ToList();
        if (operations.Count != 1)
        {
            throw Error(context.Source, element, "boolean gate '" + id + "' needs exactly one of and/or/not, has " + operations.Count);
        }

        var operation = operations[0].Name.LocalName switch
        {
            "and" => BooleanOperation.And,
            "or" => BooleanOperation.Or,
            _ => BooleanOperation.Not,
        };
        var operands = new List<BooleanOperand>();
        foreach (var reference in operations[0].Elements(GatingNs + "gateReference"))
        {
            var complement = Attribute(reference, GatingNs, "use-as-complement") is { } text && ParseBoolean(context, reference, text);
            operands.Add(new BooleanOperand(Required(context, reference, GatingNs, "ref"), complement));
        }

        var expected = operation == BooleanOperation.Not ? "exactly one" : "at least two";
        if (operation == BooleanOperation.Not ? operands.Count != 1 : operands.Count < 2)
        {
            throw Error(context.Source, operations[0], "boolean gate '" + id + "': " + operations[0].Name.LocalName + " needs " + expected + " gateReference, has " + operands.Count);
        }

        return new BooleanGate(id, Parent(element), operation, operands);
    }

    private static GateDimension ReadDimension(Context context, XElement dimension)
    {
        var compensationText = Required(context, dimension, GatingNs, "compensation-ref");
        var compensation = compensationText switch
        {
            "uncompensated" => CompensationReference.Uncompensated,
            "FCS" => CompensationReference.File,
            _ => context.Matrices.ContainsKey(compensationText)
                ? CompensationReference.Matrix(compensationText)
                : throw Error(context.Source, dimension, "compensation-ref '" + compensationText + "' is neither uncompensated, FCS nor a spectrumMatrix of the document"),
        };
        var transformId = Attribute(dimension, GatingNs, "transformation-ref");
        if (transformId is not null && !context.Transforms.ContainsKey(transformId))
        {
            throw Error(context.Source, dimension, "transformation-ref '" + transformId + "' is not a one-dimensional transformation of the document");
        }

        if (dimension.Element(DataTypeNs + "fcs-dimension") is { } channel)
        {
            return new ChannelDimension(Required(context, channel, DataTypeNs, "name"), compensation, transformId);
        }

        if (dimension.Element(DataTypeNs + "new-dimension") is { } derived)
        {
            var ratioId = Required(context, derived, DataTypeNs, "transformation-ref");
            if (!context.Ratios.ContainsKey(ratioId))
            {
                throw Error(context.Source, derived, "new-dimension refers to '" + ratioId + "', which is not an fratio transformation of the document");
            }

            return new RatioDimension(ratioId, compensation, transformId);
        }

        throw Error(context.Source, dimension, "a dimension needs a data-type:fcs-dimension or data-type:new-dimension");
    }

    private static string? Parent(XElement gate) => Attribute(gate, GatingNs, "parent_id");

    private static string? Attribute(XElement element, XNamespace ns, string name) =>
        (element.Attribute(ns + name) ?? element.Attribute(name))?.Value;

    private static string Required(Context context, XElement element, XNamespace ns, string name)
    {
        var value = Attribute(element, ns, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Error(context.Source, element, "<" + element.Name.LocalName + "> needs the attribute " + name);
        }

        return value;
    }

    private static double Number(Context context, XElement element, string name) => Number(context, element, TransformsNs, name);

    private static double Number(Context context, XElement element, XNamespace ns, string name) =>
        ParseNumber(context, element, Required(context, element, ns, name));

    private static double? OptionalNumber(Context context, XElement element, XNamespace ns, string name) =>
        Attribute(element, ns, name) is { } text ? ParseNumber(context, element, text) : null;

    private static double ParseNumber(Context context, XElement element, string text)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
        {
            throw Error(context.Source, element, "'" + text + "' is not a number");
        }

        return value;
    }

    private static bool ParseBoolean(Context context, XElement element, string text) => text.Trim() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw Error(context.Source, element, "'" + text + "' is not true or false"),
    };

    private static GatingMlException Error(string source, XObject at, string problem)
    {
        var info = (IXmlLineInfo)at;
        return info.HasLineInfo()
            ? new GatingMlException(source, info.LineNumber, info.LinePosition, problem)
            : new GatingMlException(source, 0, 0, problem);
    }

    private sealed class Context(string source)
    {
        public string Source { get; } = source;

        public Dictionary<string, ITransform> Transforms { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, RatioTransform> Ratios { get; } = new(StringComparer.Ordinal);

        public HashSet<string> TransformIds { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, CompensationMatrix> Matrices { get; } = new(StringComparer.Ordinal);
    }
}
