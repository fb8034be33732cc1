using CytoViability.Core.Experiments;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// Everything settled before the first FCS file is read: the template, the sheet, the output folder, the plan.
/// Any problem here is a configuration error (exit code 1) and nothing is written.
/// </summary>
internal sealed record RunSetup(string Folder, GatingTemplate Template, SampleSheet? Sheet, string? SheetSha256, string OutputFolder, ExperimentPlan Plan)
{
    public static RunSetup? Prepare(RunRequest request, List<TemplateProblem> problems)
    {
        var folder = Path.GetFullPath(request.Folder);
        if (!Directory.Exists(folder))
        {
            problems.Add(new TemplateProblem(request.Folder, new TextPosition(1, 1), "experiment folder not found"));
            return null;
        }

        var settings = ExperimentSettingsReader.Read(folder, problems);
        if (settings is null)
        {
            return null;
        }

        var templatePath = request.TemplatePath ?? settings.TemplatePath ?? ShippedTemplate(settings.ShippedTemplate, request.ShippedTemplatesFolder, problems, folder);
        if (templatePath is null)
        {
            if (problems.Count == 0)
            {
                problems.Add(new TemplateProblem(folder, new TextPosition(1, 1), "no gating template: give --template or name one in experiment.yaml"));
            }

            return null;
        }

        var loaded = TemplateLoader.LoadFile(templatePath, request.TemplatePath is null && settings.TemplatePath is not null ? folder : null);
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

            sheetSha = BatchRun.HashFile(sheetPath);
        }

        var output = Path.GetFullPath(request.OutputPath ?? BatchRun.DefaultOutputFolder(folder));

        // Real paths, links resolved: an output path that is a link to the experiment folder (or to a folder around
        // it) reads as a different folder but would write over the user's files.
        var realOutput = ContainedPath.RealPath(output);
        if (realOutput is null || ContainedPath.RealPath(folder) is not { } realFolder || ContainedPath.IsInside(realOutput, realFolder))
        {
            problems.Add(new TemplateProblem(output, new TextPosition(1, 1), "the output folder may not be the experiment folder or contain it" + (realOutput == output ? string.Empty : " (it resolves to " + realOutput + ")")));
            return null;
        }

        if (File.Exists(output))
        {
            problems.Add(new TemplateProblem(output, new TextPosition(1, 1), "the output path is a file, not a folder"));
            return null;
        }

        var plan = ExperimentPlanner.Plan(folder, settings, sheet, [output], problems);
        if (plan is null)
        {
            return null;
        }

        return problems.Count > 0 ? null : new RunSetup(folder, loaded.Template, sheet, sheetSha, output, plan);
    }

    private static string? ShippedTemplate(string? name, string? shippedFolder, List<TemplateProblem> problems, string folder)
    {
        if (name is null)
        {
            return null;
        }

        if (shippedFolder is not null)
        {
            foreach (var candidate in new[] { name, name + ".yaml" })
            {
                var path = Path.Combine(shippedFolder, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        problems.Add(new TemplateProblem(Path.Combine(folder, ExperimentSettings.FileName), new TextPosition(1, 1), "template '" + name + "' is neither in the experiment folder nor a shipped template"));
        return null;
    }
}
