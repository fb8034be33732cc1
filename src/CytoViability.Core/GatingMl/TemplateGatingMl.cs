using System.Globalization;
using System.Text;
using CytoViability.Core.Compensation;
using CytoViability.Core.Files;
using CytoViability.Core.Gating;
using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.GatingMl;

/// <summary>
/// Templates to Gating-ML 2.0 and back, so FlowKit and R users share the lab's gates. Export compiles the template
/// for the channels it names (each alias's first name, detector or marker) and writes it with
/// <see cref="GatingMlWriter"/>. Import turns each (channel, transform) pair of the document into an alias carrying
/// that transform, so every gate keeps its Gating-ML coordinates (`units: transformed` where a dimension is
/// transformed) and counts the same events.
/// </summary>
internal static class TemplateGatingMl
{
    /// <summary>Writes the template at <paramref name="templatePath"/> as Gating-ML; template problems throw <see cref="GatingMlException"/>.</summary>
    public static void Export(string templatePath, string outputPath)
    {
        var loaded = TemplateLoader.LoadFile(templatePath);
        if (loaded.Template is not { } template)
        {
            var first = loaded.Problems[0];
            throw new GatingMlException(templatePath, first.Position?.Line ?? 0, first.Position?.Column ?? 0, first.Message);
        }

        var channels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var alias in template.Channels)
        {
            channels[alias.Alias] = alias.Names.Concat(alias.Detectors).Concat(alias.Markers).First();
        }

        var strategy = CompiledTemplate.Compile(template).Resolve(channels).Strategy;
        GatingMlWriter.WriteFile(strategy, outputPath);
    }

    /// <summary>
    /// Converts a Gating-ML document into a template at <paramref name="templatePath"/> (a matrix CSV beside it when
    /// the document compensates with its own spectrumMatrix); returns what could not be converted.
    /// </summary>
    public static IReadOnlyList<string> Import(string documentPath, string templatePath)
    {
        var strategy = GatingMlReader.ReadFile(documentPath);
        var warnings = new List<string>();
        var draft = new Importer(strategy, warnings, Path.GetFileNameWithoutExtension(templatePath) + ".matrix.csv").Draft(Path.GetFileName(documentPath), out var matrixCsv);
        if (matrixCsv is not null)
        {
            AtomicFile.WriteText(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(templatePath))!, draft.MatrixPath!), matrixCsv);
        }

        AtomicFile.WriteText(templatePath, TemplateYamlWriter.Write(draft));
        return warnings;
    }

    private sealed class Importer(GatingStrategy strategy, List<string> warnings, string matrixFileName)
    {
        private readonly List<ChannelAlias> _channels = [];
        private readonly Dictionary<(string Channel, string? Transform), string> _aliases = [];
        private readonly List<KeyValuePair<string, TransformDefinition>> _transforms = [];
        private readonly HashSet<CompensationReference> _compensations = [];
        private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);

        public TemplateDraft Draft(string source, out string? matrixCsv)
        {
            var gates = new List<GateDefinition>();
            foreach (var gate in strategy.Gates)
            {
                if (gate.ParentId is { } parent && _dropped.Contains(parent))
                {
                    warnings.Add("gate '" + gate.Id + "': its parent '" + parent + "' was not converted; left out");
                    _dropped.Add(gate.Id);
                    continue;
                }

                var definition = Convert(gate);
                if (definition is null)
                {
                    _dropped.Add(gate.Id);
                }
                else
                {
                    gates.Add(definition);
                }
            }

            var compensation = Compensation(out matrixCsv);
            var notes = new List<string> { "Imported from the Gating-ML 2.0 document " + source + "." };
            notes.AddRange(warnings.Select(warning => "  " + warning));
            return new TemplateDraft(source, null, _channels, compensation, compensation == CompensationSource.Matrix ? matrixFileName : null, _transforms, gates, notes);
        }

        private CompensationSource Compensation(out string? matrixCsv)
        {
            matrixCsv = null;
            var compensated = _compensations.Where(reference => reference.Source != CompensationSource.Uncompensated).Distinct().ToList();
            if (compensated.Count == 0)
            {
                return CompensationSource.Uncompensated;
            }

            if (compensated.Count > 1 || _compensations.Contains(CompensationReference.Uncompensated))
            {
                warnings.Add("the document mixes compensations (" + string.Join(", ", _compensations) + "); the template compensates every channel with " + compensated[0]);
            }

            if (compensated[0].Source == CompensationSource.File)
            {
                return CompensationSource.File;
            }

            var matrix = strategy.Matrices[compensated[0].MatrixId!];
            if (!matrix.Fluorochromes.SequenceEqual(matrix.Detectors))
            {
                warnings.Add("spectrumMatrix '" + matrix.Id + "' names fluorochromes apart from detectors; the matrix CSV uses the detectors");
            }

            var csv = new StringBuilder().Append(',').Append(string.Join(",", matrix.Detectors)).Append('\n');
            for (var row = 0; row < matrix.Fluorochromes.Count; row++)
            {
                csv.Append(matrix.Detectors[Math.Min(row, matrix.Detectors.Count - 1)]);
                for (var column = 0; column < matrix.Detectors.Count; column++)
                {
                    csv.Append(',').Append(matrix[row, column].ToString("R", CultureInfo.InvariantCulture));
                }

                csv.Append('\n');
            }

            matrixCsv = csv.ToString();
            return CompensationSource.Matrix;
        }

        private GateDefinition? Convert(Gate gate)
        {
            var position = new TextPosition(1, 1);
            var aliases = new List<string>();
            foreach (var dimension in gate.Dimensions)
            {
                if (Alias(dimension) is not { } alias)
                {
                    warnings.Add("gate '" + gate.Id + "' reads a ratio or a transform the template cannot take (" + dimension + "); left out");
                    return null;
                }

                aliases.Add(alias);
            }

            var units = gate.Dimensions.Any(dimension => dimension.TransformId is not null) ? GateUnits.Transformed : GateUnits.Data;
            switch (gate)
            {
                case RectangleGate rectangle:
                    return new RectangleGateDefinition(gate.Id, gate.ParentId, null, units, position, rectangle.Bounds.Select((bound, i) => new DimensionBoundDefinition(aliases[i], bound.Min, bound.Max)).ToArray());
                case PolygonGate polygon:
                    return new PolygonGateDefinition(gate.Id, gate.ParentId, null, units, position, aliases[0], aliases[1], polygon.Vertices.Select(vertex => (vertex.X, vertex.Y)).ToArray());
                case EllipsoidGate ellipsoid:
                    var n = ellipsoid.Axes.Count;
                    var covariance = new double[n, n];
                    for (var i = 0; i < n; i++)
                    {
                        for (var j = 0; j < n; j++)
                        {
                            covariance[i, j] = ellipsoid.Covariance[i][j];
                        }
                    }

                    return new EllipsoidGateDefinition(gate.Id, gate.ParentId, null, units, position, aliases, ellipsoid.Mean.ToArray(), covariance, ellipsoid.DistanceSquare);
                case QuadrantGate quadrant when quadrant.Dividers.Count == 2 && quadrant.Dividers.All(divider => divider.Values.Count == 1)
                    && quadrant.Quadrants.All(named => named.Positions.Count == 2):
                    var quadrants = quadrant.Quadrants.Select(named => new QuadrantDefinition(
                        named.Id,
                        named.Positions.Single(place => place.DividerId == quadrant.Dividers[0].Id).Interval == 1,
                        named.Positions.Single(place => place.DividerId == quadrant.Dividers[1].Id).Interval == 1,
                        position)).ToArray();
                    return new QuadrantGateDefinition(gate.Id, gate.ParentId, null, units, position, aliases[0], aliases[1], quadrant.Dividers[0].Values[0], quadrant.Dividers[1].Values[0], quadrants);
                case BooleanGate boolean:
                    if (boolean.Operands.Any(operand => _dropped.Contains(operand.PopulationId)))
                    {
                        warnings.Add("boolean gate '" + gate.Id + "' combines a gate that was not converted; left out");
                        return null;
                    }

                    return new BooleanGateDefinition(gate.Id, gate.ParentId, null, GateUnits.Data, position, boolean.Operation, boolean.Operands.Select(operand => new BooleanOperandDefinition(operand.PopulationId, operand.Complement, position)).ToArray());
                default:
                    warnings.Add("gate '" + gate.Id + "' (" + gate.GetType().Name + " with more than two dividers or one-sided quadrants) has no template form; left out");
                    return null;
            }
        }

        /// <summary>The alias of a (channel, transform) pair; a channel under two transforms gets two aliases.</summary>
        private string? Alias(GateDimension dimension)
        {
            if (dimension is not ChannelDimension channel)
            {
                return null;
            }

            if (_aliases.TryGetValue((channel.Channel, channel.TransformId), out var existing))
            {
                _compensations.Add(channel.Compensation);
                return existing;
            }

            TransformDefinition? definition = null;
            if (channel.TransformId is { } id)
            {
                definition = Definition(strategy.Transforms[id]);
                if (definition is null)
                {
                    return null;
                }
            }

            _compensations.Add(channel.Compensation);
            var alias = ChannelAlias.SafeName(channel.Channel);
            while (_channels.Any(known => known.Alias == alias))
            {
                alias += "_" + (channel.TransformId is null ? "raw" : ChannelAlias.SafeName(channel.TransformId));
            }

            _aliases[(channel.Channel, channel.TransformId)] = alias;
            _channels.Add(new ChannelAlias(alias, [channel.Channel], [], [], new TextPosition(1, 1)));
            if (definition is not null)
            {
                _transforms.Add(new(alias, definition));
            }

            return alias;
        }

        private static TransformDefinition? Definition(ITransform transform)
        {
            var position = new TextPosition(1, 1);
            TransformDefinition? definition = transform switch
            {
                LinearTransform linear => new(TransformKind.Linear, linear.T, 0, 0, linear.A, position),
                LogTransform log => new(TransformKind.Log, log.T, 0, log.M, 0, position),
                AsinhTransform asinh => new(TransformKind.Asinh, asinh.T, 0, asinh.M, asinh.A, position),
                LogicleTransform logicle => new(TransformKind.Logicle, logicle.T, logicle.W, logicle.M, logicle.A, position),
                HyperlogTransform hyperlog => new(TransformKind.Hyperlog, hyperlog.T, hyperlog.W, hyperlog.M, hyperlog.A, position),
                BiexponentialTransform biex => new(TransformKind.Biex, biex.MaxValue, biex.WidthBasis, biex.PositiveDecades, biex.NegativeDecades, position),
                _ => null,
            };
            try
            {
                return definition is null ? null : TransformFactory.Create(definition) is not null ? definition : null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
