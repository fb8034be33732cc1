using CytoViability.Core.Templates;

namespace CytoViability.Core.FlowJo;

/// <summary>One template file of an import: <see cref="Suffix"/> is empty for the main template, else the sample's.</summary>
internal sealed record ImportedFile(string Suffix, string Description, ImportedTemplate Template);

/// <summary>
/// An import's plan: the templates to write, and the custom sample gates that are gate overrides of the main
/// template (written as one overrides file beside it).
/// </summary>
internal sealed record ImportPlan(IReadOnlyList<ImportedFile> Templates, IReadOnlyList<CustomCoordinate> Overrides);

/// <summary>
/// Chooses what an import converts. With a sample: that sample's tree as applied. Otherwise a group's tree (the
/// named group, else the group with the most gates, else the first sample's tree), plus one per-sample template for
/// every sample of that group whose tree differs from it (FlowJo's per-sample custom gates, owningGroup="") in more
/// than range/rectangle bounds and quadrant dividers; those differences become gate overrides instead.
/// </summary>
internal static class WorkspaceImport
{
    public static ImportPlan Plan(Workspace workspace, string? groupName, string? sampleName, string templateStem, out string? error)
    {
        error = null;
        var files = new List<ImportedFile>();
        var overrides = new List<CustomCoordinate>();
        if (sampleName is not null)
        {
            var sample = FindSample(workspace, sampleName);
            if (sample is null)
            {
                error = "no sample '" + sampleName + "' in the workspace (known: " + string.Join(", ", workspace.Samples.Select(s => s.Name + " [" + s.Id + "]")) + ")";
                return new ImportPlan(files, overrides);
            }

            files.Add(new ImportedFile(string.Empty, "sample " + sample.Name, TemplateImporter.FromSample(workspace, sample, templateStem + ".matrix.csv")));
            return new ImportPlan(files, overrides);
        }

        WorkspaceGroup? group;
        if (groupName is not null)
        {
            group = workspace.Groups.FirstOrDefault(candidate => string.Equals(candidate.Name, groupName, StringComparison.OrdinalIgnoreCase));
            if (group is null)
            {
                error = "no group '" + groupName + "' in the workspace (known: " + string.Join(", ", workspace.Groups.Select(g => g.Name)) + ")";
                return new ImportPlan(files, overrides);
            }
        }
        else
        {
            group = workspace.Groups.Where(candidate => candidate.Root.Children.Count > 0)
                .OrderByDescending(candidate => TemplateImporter.Paths(candidate.Root).Count)
                .FirstOrDefault();
        }

        IReadOnlyList<WorkspaceSample> members;
        IReadOnlyList<string> mainPaths;
        if (group is not null && group.Root.Children.Count > 0)
        {
            files.Add(new ImportedFile(string.Empty, "group " + group.Name, TemplateImporter.FromGroup(workspace, group, templateStem + ".matrix.csv")));
            // A named group speaks for its members only; by default every sample whose tree differs gets its own.
            members = groupName is null ? workspace.Samples : workspace.Samples.Where(sample => group.SampleIds.Contains(sample.Id)).ToList();
            mainPaths = TemplateImporter.Paths(group.Root);
        }
        else if (workspace.Samples.Count > 0)
        {
            var first = workspace.Samples[0];
            files.Add(new ImportedFile(string.Empty, "sample " + first.Name, TemplateImporter.FromSample(workspace, first, templateStem + ".matrix.csv")));
            members = workspace.Samples.Skip(1).ToList();
            mainPaths = TemplateImporter.Paths(first.Root);
        }
        else
        {
            error = "the workspace holds no sample and no group with gates";
            return new ImportPlan(files, overrides);
        }

        var suffixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sample in members)
        {
            var paths = TemplateImporter.Paths(sample.Root);
            if (paths.SequenceEqual(mainPaths) && !HasCustomGates(sample.Root))
            {
                continue;
            }

            var fileStem = Path.GetFileNameWithoutExtension(sample.FileNameCandidates.FirstOrDefault() ?? sample.Name);
            var own = TemplateImporter.FromSample(workspace, sample, templateStem + ".matrix.csv");
            if (CustomGateOverrides.Differences(files[0].Template, own, fileStem) is { } coordinates)
            {
                overrides.AddRange(coordinates);
                continue;
            }

            var suffix = ChannelAlias.SafeName(fileStem);
            if (!suffixes.Add(suffix))
            {
                suffix += "_" + ChannelAlias.SafeName(sample.Id);
                suffixes.Add(suffix);
            }

            files.Add(new ImportedFile(suffix, "sample " + sample.Name + " (its own gates)", TemplateImporter.FromSample(workspace, sample, templateStem + "." + suffix + ".matrix.csv")));
        }

        return new ImportPlan(files, overrides);
    }

    /// <summary>A sample by sampleID, node name, or file name (URI, $FIL), in that order.</summary>
    public static WorkspaceSample? FindSample(Workspace workspace, string wanted)
        => workspace.Samples.FirstOrDefault(sample => sample.Id == wanted)
            ?? workspace.Samples.FirstOrDefault(sample => string.Equals(sample.Name, wanted, StringComparison.OrdinalIgnoreCase))
            ?? workspace.Samples.FirstOrDefault(sample => sample.FileNameCandidates.Any(name => string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase)));

    private static bool HasCustomGates(WorkspacePopulation node)
        => node.Children.Any(child => child.OwningGroup.Length == 0 || HasCustomGates(child));
}
