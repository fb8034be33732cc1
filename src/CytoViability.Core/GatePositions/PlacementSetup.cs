using CytoViability.Core.Experiments;
using CytoViability.Core.Templates;

namespace CytoViability.Core.GatePositions;

/// <summary>
/// Checks, before any file is read, that every sheet column a placement or override names exists and that every
/// override names a coordinate of the template; problems carry their file, line and column.
/// </summary>
internal static class PlacementSetup
{
    public static void Check(GatingTemplate template, ExperimentPlan plan, IReadOnlyList<GateOverride> overrides, List<ConfigurationProblem> problems)
    {
        var columns = new HashSet<string>(plan.Columns, StringComparer.Ordinal) { SampleSheet.DonorColumn, SampleSheet.ReplicateColumn, "sample" };
        var known = string.Join(", ", columns.Order(StringComparer.Ordinal));
        var coordinates = GateCoordinate.Of(template);
        foreach (var coordinate in coordinates)
        {
            if (coordinate.Computed is not { } position)
            {
                continue;
            }

            if (position.Scope.Column is { } column && !columns.Contains(column))
            {
                problems.Add(new ConfigurationProblem(template.SourcePath, position.Position, "gate '" + coordinate.GateId + "' " + coordinate.Dimension + ": 'scope: " + column + "' is not a column of this experiment (known: " + known + ")"));
            }

            foreach (var condition in position.Control?.Where ?? [])
            {
                if (!columns.Contains(condition.Column))
                {
                    problems.Add(new ConfigurationProblem(template.SourcePath, position.Position, "gate '" + coordinate.GateId + "' " + coordinate.Dimension + ": control column '" + condition.Column + "' is not a column of this experiment (known: " + known + ")"));
                }
            }
        }

        foreach (var entry in overrides)
        {
            if (!coordinates.Any(c => c.GateId == entry.Gate && c.Dimension == entry.Dimension))
            {
                var ofGate = coordinates.Where(c => c.GateId == entry.Gate).Select(c => "'" + c.Dimension + "'").ToList();
                problems.Add(new ConfigurationProblem(entry.File, entry.Position, ofGate.Count == 0
                    ? "override: the template has no range, rectangle or quadrant gate '" + entry.Gate + "'"
                    : "override: gate '" + entry.Gate + "' has no coordinate '" + entry.Dimension + "' (it has " + string.Join(", ", ofGate) + ")"));
            }

            foreach (var condition in entry.Where)
            {
                if (!columns.Contains(condition.Column))
                {
                    problems.Add(new ConfigurationProblem(entry.File, entry.Position, "override: '" + condition.Column + "' is not a column of this experiment (known: " + known + ")"));
                }
            }
        }
    }
}
