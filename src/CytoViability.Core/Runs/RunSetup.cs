using CytoViability.Core.Experiments;
using CytoViability.Core.Files;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Output;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// Everything settled before the first FCS file is read: the template, the sheet, the output folder, the plan.
/// Any problem here is a configuration error (exit code 1) and nothing is written.
/// </summary>
internal sealed record RunSetup(string Folder, GatingTemplate Template, SampleSheet? Sheet, string? SheetSha256, string OutputFolder, ExperimentPlan Plan)
{
    /// <summary>The template compiled once for the whole run (transforms, QC options, resolved gates).</summary>
    public CompiledTemplate Compiled { get; } = CompiledTemplate.Compile(Template);

    /// <summary>Gate coordinates fixed by experiment.yaml (whole run, a group of samples, or one sample).</summary>
    public IReadOnlyList<GateOverride> Overrides { get; init; } = [];

    /// <summary>
    /// The stated design order, recorded in run.json for the report and the console summary: experiment.yaml's
    /// `order:`, then the template's for the condition columns experiment.yaml does not order.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ConditionOrder { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The template's bytes as loaded, for a shard manifest.</summary>
    public FoldedTemplate? TemplateSource { get; init; }

    /// <summary>Columns the template orders that are not condition columns of this run (so not used; the run says so).</summary>
    public IReadOnlyList<string> UnusedTemplateOrder { get; init; } = [];

    public static RunSetup? Prepare(RunRequest request, List<ConfigurationProblem> problems)
    {
        var folder = Path.GetFullPath(request.Folder);
        if (!Directory.Exists(folder))
        {
            problems.Add(ConfigurationProblem.Of(request.Folder, "experiment folder not found"));
            return null;
        }

        var settings = ExperimentSettingsReader.Read(folder, problems);
        if (settings is null)
        {
            return null;
        }

        var loaded = request.FoldedTemplate is { } folded ? folded.Load() : LoadTemplate(request.TemplatePath, settings, folder, problems);
        if (loaded is null)
        {
            return null;
        }

        problems.AddRange(loaded.Problems);
        if (loaded.Template is null)
        {
            return null;
        }

        SampleSheet? sheet = null;
        string? sheetSha = null;
        var sheetPath = request.SamplesPath ?? settings.SamplesPath;
        if (sheetPath is not null)
        {
            sheet = SampleSheetReader.Read(sheetPath, folder, problems, request.SamplesPath is null ? folder : null);
            if (sheet is null)
            {
                return null;
            }

            sheetSha = sheet.Sha256;
        }

        var output = Path.GetFullPath(request.OutputPath ?? BatchRun.DefaultOutputFolder(folder));

        // Real paths, links resolved: an output path that is a link to the experiment folder (or to a folder around
        // it) reads as a different folder but would write over the user's files.
        var realOutput = ContainedPath.RealPath(output);
        if (realOutput is null || ContainedPath.RealPath(folder) is not { } realFolder || ContainedPath.IsInside(realOutput, realFolder))
        {
            problems.Add(ConfigurationProblem.Of(output, "the output folder may not be the experiment folder or contain it" + (realOutput == output ? string.Empty : " (it resolves to " + realOutput + ")")));
            return null;
        }

        if (File.Exists(output))
        {
            problems.Add(ConfigurationProblem.Of(output, "the output path is a file, not a folder"));
            return null;
        }

        var plan = ExperimentPlanner.Plan(folder, settings, sheet, [output, .. request.ExcludedFolders], ResultTables.FixedColumns, problems);
        if (plan is null)
        {
            return null;
        }

        PlacementSetup.Check(loaded.Template, plan, settings.Overrides, problems);
        var order = new Dictionary<string, IReadOnlyList<string>>(settings.Order, StringComparer.Ordinal);
        var unused = new List<string>();
        foreach (var (column, values) in loaded.Template.Order)
        {
            // experiment.yaml speaks for this experiment, the template for every experiment it serves.
            if (!order.ContainsKey(column))
            {
                if (plan.ConditionColumns.Contains(column))
                {
                    order[column] = values;
                }
                else
                {
                    unused.Add(column);
                }
            }
        }

        return problems.Count > 0 ? null : new RunSetup(folder, loaded.Template, sheet, sheetSha, output, plan) { Overrides = settings.Overrides, ConditionOrder = order, UnusedTemplateOrder = unused, TemplateSource = loaded.Source };
    }

    /// <summary>
    /// --template (a file; else, for a bare name, the file of that name in the experiment folder, then a shipped
    /// template), else experiment.yaml's template: a file in the folder, else a shipped template's name. Null, with the
    /// problem, when there is no template to load.
    /// </summary>
    private static TemplateLoadResult? LoadTemplate(string? option, ExperimentSettings settings, string folder, List<ConfigurationProblem> problems)
    {
        if (option is not null)
        {
            if (File.Exists(option) || option.IndexOfAny(['/', '\\', ':']) >= 0)
            {
                return TemplateLoader.LoadFile(option);
            }

            // `templates copy NAME FOLDER` writes the lab's copy into the folder: it wins over the shipped template of
            // that name, as it does when experiment.yaml names it (run.json and the console show which was used).
            if (ExperimentSettingsReader.TemplateCopy(folder, option) is { } copy)
            {
                return TemplateLoader.LoadFile(copy, folder);
            }

            return ShippedTemplates.Find(option) is { } name ? ShippedTemplates.Load(name, folder) : TemplateLoader.LoadFile(option);
        }

        if (settings.TemplatePath is not null)
        {
            // Named by experiment.yaml: the file actually opened must lie inside the experiment folder.
            return TemplateLoader.LoadFile(settings.TemplatePath, folder);
        }

        if (settings.ShippedTemplate is null)
        {
            if (problems.Count == 0)
            {
                problems.Add(ConfigurationProblem.Of(folder, "no gating template: give --template or name one in experiment.yaml"));
            }

            return null;
        }

        if (ShippedTemplates.Find(settings.ShippedTemplate) is { } shipped)
        {
            return ShippedTemplates.Load(shipped, folder);
        }

        problems.Add(ConfigurationProblem.Of(
            Path.Combine(folder, ExperimentSettings.FileName),
            "template '" + settings.ShippedTemplate + "' is neither in the experiment folder nor a shipped template (" + string.Join(", ", ShippedTemplates.Names) + ")"));
        return null;
    }
}
