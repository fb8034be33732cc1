using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CytoViability.Core.Compensation;
using CytoViability.Core.Gating;
using CytoViability.Core.Transforms;
using static CytoViability.Core.GatingMl.GatingMlNames;

namespace CytoViability.Core.GatingMl;

/// <summary>
/// Writes a <see cref="GatingStrategy"/> as a Gating-ML 2.0 document that FlowJo, Cytobank or FlowKit can open and
/// that <see cref="GatingMlReader"/> reads back to the same gates. Numbers are written round-trippable ("R").
/// A FlowJo biex is written as the logicle it is; a quadrant's place on a divider is written as a location inside
/// its interval.
/// </summary>
internal static class GatingMlWriter
{
    /// <summary>The strategy as an XML document.</summary>
    public static XDocument ToDocument(GatingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var root = new XElement(
            GatingNs + "Gating-ML",
            new XAttribute(XNamespace.Xmlns + "gating", GatingNs.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "transforms", TransformsNs.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "data-type", DataTypeNs.NamespaceName));
        foreach (var (id, transform) in strategy.Transforms.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            root.Add(new XElement(TransformsNs + "transformation", new XAttribute(TransformsNs + "id", id), Transformation(id, transform)));
        }

        foreach (var (id, ratio) in strategy.Ratios.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            root.Add(new XElement(
                TransformsNs + "transformation",
                new XAttribute(TransformsNs + "id", id),
                new XElement(
                    TransformsNs + "fratio",
                    Parameter("A", ratio.A),
                    Parameter("B", ratio.B),
                    Parameter("C", ratio.C),
                    FcsDimension(ratio.Numerator),
                    FcsDimension(ratio.Denominator))));
        }

        foreach (var (_, matrix) in strategy.Matrices.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            root.Add(SpectrumMatrix(matrix));
        }

        foreach (var gate in strategy.Gates)
        {
            root.Add(Gate(gate));
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    /// <summary>Writes the document (UTF-8, indented) to <paramref name="output"/>.</summary>
    public static void Write(GatingStrategy strategy, Stream output)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var writer = XmlWriter.Create(output, settings);
        ToDocument(strategy).Save(writer);
    }

    /// <summary>Writes the document to <paramref name="path"/> atomically (a temporary file renamed over it).</summary>
    public static void WriteFile(GatingStrategy strategy, string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                Write(strategy, stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static XElement Transformation(string id, ITransform transform) => transform switch
    {
        LinearTransform linear => new XElement(TransformsNs + "flin", Parameter("T", linear.T), Parameter("A", linear.A)),
        LogTransform log => new XElement(TransformsNs + "flog", Parameter("T", log.T), Parameter("M", log.M)),
        AsinhTransform asinh => new XElement(TransformsNs + "fasinh", Parameter("T", asinh.T), Parameter("M", asinh.M), Parameter("A", asinh.A)),
        LogicleTransform logicle => Logicle(logicle),
        BiexponentialTransform biex => Logicle(biex.Logicle),
        HyperlogTransform hyperlog => new XElement(
            TransformsNs + "hyperlog", Parameter("T", hyperlog.T), Parameter("W", hyperlog.W), Parameter("M", hyperlog.M), Parameter("A", hyperlog.A)),
        _ => throw new InvalidOperationException("transform '" + id + "' (" + transform.GetType().Name + ") has no Gating-ML 2.0 form"),
    };

    private static XElement Logicle(LogicleTransform logicle) =>
        new(TransformsNs + "logicle", Parameter("T", logicle.T), Parameter("W", logicle.W), Parameter("M", logicle.M), Parameter("A", logicle.A));

    private static XElement SpectrumMatrix(CompensationMatrix matrix)
    {
        var element = new XElement(
            TransformsNs + "spectrumMatrix",
            new XAttribute(TransformsNs + "id", matrix.Id),
            new XElement(TransformsNs + "fluorochromes", matrix.Fluorochromes.Select(FcsDimension)),
            new XElement(TransformsNs + "detectors", matrix.Detectors.Select(FcsDimension)));
        for (var row = 0; row < matrix.Fluorochromes.Count; row++)
        {
            var spectrum = new XElement(TransformsNs + "spectrum");
            for (var column = 0; column < matrix.Detectors.Count; column++)
            {
                spectrum.Add(new XElement(TransformsNs + "coefficient", new XAttribute(TransformsNs + "value", Number(matrix[row, column]))));
            }

            element.Add(spectrum);
        }

        return element;
    }

    private static XElement Gate(Gate gate)
    {
        var element = gate switch
        {
            RectangleGate rectangle => new XElement(GatingNs + "RectangleGate", rectangle.Bounds.Select(bound =>
                Dimension(bound.Dimension, "dimension", bound.Min is { } min ? new XAttribute(GatingNs + "min", Number(min)) : null, bound.Max is { } max ? new XAttribute(GatingNs + "max", Number(max)) : null))),
            PolygonGate polygon => new XElement(
                GatingNs + "PolygonGate",
                Dimension(polygon.X, "dimension"),
                Dimension(polygon.Y, "dimension"),
                polygon.Vertices.Select(vertex => new XElement(GatingNs + "vertex", Coordinate(vertex.X), Coordinate(vertex.Y)))),
            EllipsoidGate ellipsoid => new XElement(
                GatingNs + "EllipsoidGate",
                ellipsoid.Axes.Select(axis => Dimension(axis, "dimension")),
                new XElement(GatingNs + "mean", ellipsoid.Mean.Select(Coordinate)),
                new XElement(GatingNs + "covarianceMatrix", ellipsoid.Covariance.Select(row =>
                    new XElement(GatingNs + "row", row.Select(entry => new XElement(GatingNs + "entry", new XAttribute(DataTypeNs + "value", Number(entry))))))),
                new XElement(GatingNs + "distanceSquare", new XAttribute(DataTypeNs + "value", Number(ellipsoid.DistanceSquare)))),
            QuadrantGate quadrants => Quadrants(quadrants),
            BooleanGate boolean => new XElement(
                GatingNs + "BooleanGate",
                new XElement(GatingNs + boolean.Operation.ToString().ToLowerInvariant(), boolean.Operands.Select(operand =>
                    new XElement(GatingNs + "gateReference", new XAttribute(GatingNs + "ref", operand.PopulationId), operand.Complement ? new XAttribute(GatingNs + "use-as-complement", "true") : null)))),
            _ => throw new InvalidOperationException("gate '" + gate.Id + "' (" + gate.GetType().Name + ") has no Gating-ML 2.0 form"),
        };
        element.Add(new XAttribute(GatingNs + "id", gate.Id), gate.ParentId is { } parent ? new XAttribute(GatingNs + "parent_id", parent) : null);
        return element;
    }

    private static XElement Quadrants(QuadrantGate gate)
    {
        var element = new XElement(GatingNs + "QuadrantGate");
        foreach (var divider in gate.Dividers)
        {
            var dividerElement = Dimension(divider.Dimension, "divider", new XAttribute(GatingNs + "id", divider.Id));
            dividerElement.Add(divider.Values.Select(value => new XElement(GatingNs + "value", Number(value))));
            element.Add(dividerElement);
        }

        foreach (var quadrant in gate.Quadrants)
        {
            element.Add(new XElement(
                GatingNs + "Quadrant",
                new XAttribute(GatingNs + "id", quadrant.Id),
                quadrant.Positions.Select(position => new XElement(
                    GatingNs + "position",
                    new XAttribute(GatingNs + "divider_ref", position.DividerId),
                    new XAttribute(GatingNs + "location", Number(Location(gate.Dividers.First(d => d.Id == position.DividerId).Values, position.Interval)))))));
        }

        return element;
    }

    /// <summary>A value inside interval <paramref name="interval"/> of the ascending cut points.</summary>
    private static double Location(IReadOnlyList<double> values, int interval)
    {
        if (interval == 0)
        {
            return values[0] - Math.Max(1, Math.Abs(values[0]));
        }

        if (interval == values.Count)
        {
            return values[^1] + Math.Max(1, Math.Abs(values[^1]));
        }

        return values[interval - 1] + ((values[interval] - values[interval - 1]) / 2);
    }

    private static XElement Dimension(GateDimension dimension, string elementName, params object?[] extra)
    {
        var element = new XElement(GatingNs + elementName, extra);
        element.Add(new XAttribute(GatingNs + "compensation-ref", dimension.Compensation.ToString()));
        if (dimension.TransformId is { } transform)
        {
            element.Add(new XAttribute(GatingNs + "transformation-ref", transform));
        }

        element.Add(dimension switch
        {
            ChannelDimension channel => FcsDimension(channel.Channel),
            RatioDimension ratio => new XElement(DataTypeNs + "new-dimension", new XAttribute(DataTypeNs + "transformation-ref", ratio.RatioId)),
            _ => throw new InvalidOperationException("dimension " + dimension + " has no Gating-ML 2.0 form"),
        });
        return element;
    }

    private static XElement FcsDimension(string name) => new(DataTypeNs + "fcs-dimension", new XAttribute(DataTypeNs + "name", name));

    private static XElement Coordinate(double value) => new(GatingNs + "coordinate", new XAttribute(DataTypeNs + "value", Number(value)));

    private static XAttribute Parameter(string name, double value) => new(TransformsNs + name, Number(value));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
