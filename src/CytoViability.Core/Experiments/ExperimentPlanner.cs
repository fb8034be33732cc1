using CytoViability.Core.Files;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Experiments;

/// <summary>Matches discovered files with the sample sheet and settles the metadata columns (docs/templates.md §3–4).</summary>
internal static class ExperimentPlanner
{
    /// <summary>
    /// Plans the run of <paramref name="folder"/>. <paramref name="outputColumns"/> are the fixed column names of the
    /// tables the metadata columns are written beside (the output step's, <c>ResultTables.FixedColumns</c>): a metadata
    /// column may not take one.
    /// </summary>
    public static ExperimentPlan? Plan(
        string folder, ExperimentSettings settings, SampleSheet? sheet, IReadOnlyCollection<string> excludedFolders, IReadOnlySet<string> outputColumns, List<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(outputColumns);
        ArgumentNullException.ThrowIfNull(problems);
        var root = Path.GetFullPath(folder);
        var columns = new List<string>();
        if (sheet is not null)
        {
            columns.AddRange(sheet.Columns);
        }

        foreach (var rule in settings.Rules)
        {
            foreach (var column in rule.Columns)
            {
                if (!SampleSheet.ReservedColumns.Contains(column) && !columns.Contains(column))
                {
                    columns.Add(column);
                }
            }
        }

        var start = problems.Count;
        foreach (var column in columns)
        {
            if (column != SampleSheet.DonorColumn && outputColumns.Contains(column))
            {
                problems.Add(ConfigurationProblem.Of(sheet?.Path ?? Path.Combine(root, ExperimentSettings.FileName), "metadata column '" + column + "' has the name of an output column; rename it"));
            }
        }

        var conditions = settings.Conditions ?? columns;
        foreach (var condition in conditions)
        {
            if (!columns.Contains(condition))
            {
                problems.Add(ConfigurationProblem.Of(Path.Combine(root, ExperimentSettings.FileName), "condition column '" + condition + "' is in neither the sample sheet nor a metadata rule"));
            }
        }

        foreach (var column in settings.Order.Keys)
        {
            // An order for a column the run does not have would order nothing, silently.
            if (!conditions.Contains(column))
            {
                problems.Add(ConfigurationProblem.Of(Path.Combine(root, ExperimentSettings.FileName), "'order' names column '" + column + "', which is not a condition column of the run"));
            }
        }

        if (problems.Count > start)
        {
            return null;
        }

        var discovered = FileDiscovery.Discover(root, excludedFolders);
        var failures = new List<PlanFailure>(discovered.Refused);
        var samples = new List<PlannedSample>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in discovered.Files)
        {
            if (IsIgnored(file, settings))
            {
                continue;
            }

            found.Add(file);
            if (sheet is null)
            {
                samples.Add(new PlannedSample(file, FullPath(root, file), null));
            }
        }

        if (sheet is not null)
        {
            var listed = new HashSet<string>(StringComparer.Ordinal);
            var contained = ContainedRoot.Of(root);
            foreach (var row in sheet.Rows)
            {
                listed.Add(row.File);
                var full = ContainedPath.Resolve(contained, row.File, out var refusal);
                if (full is null)
                {
                    failures.Add(new PlanFailure(row.File, QcChecks.Containment, "sample sheet line " + row.Line + ": " + refusal));
                }
                else if (found.Contains(row.File) || File.Exists(full))
                {
                    samples.Add(new PlannedSample(row.File, full, row));
                }
                else
                {
                    failures.Add(new PlanFailure(row.File, QcChecks.UnreadableFile, "listed in the sample sheet (line " + row.Line + ") but not found"));
                }
            }

            foreach (var row in sheet.Refused)
            {
                failures.Add(new PlanFailure(row.File, QcChecks.Containment, "sample sheet line " + row.Line + ": " + row.Reason));
            }

            foreach (var file in found)
            {
                if (!listed.Contains(file))
                {
                    failures.Add(new PlanFailure(file, QcChecks.MissingMetadata, "not in the sample sheet"));
                }
            }
        }

        samples.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        failures.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        return new ExperimentPlan(root, samples, failures, columns, conditions, settings.Rules);
    }

    private static bool IsIgnored(string file, ExperimentSettings settings)
    {
        foreach (var glob in settings.Ignore)
        {
            if (glob.Matches(file))
            {
                return true;
            }
        }

        return false;
    }

    private static string FullPath(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
}
