using CytoViability.Core.Experiments;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Runs;
using CytoViability.Core.Templates;
using Engine = CytoViability.Core.Templates.GatingTemplate;

namespace CytoViability.Library;

/// <summary>
/// A YAML gating template (docs/templates.md), validated: channels by alias, compensation, transforms, the gate tree,
/// the statistics to report. <see cref="Apply"/> gates one sample exactly as `cytoviability run` gates a file.
/// </summary>
public sealed class GatingTemplate
{
    private readonly Engine _template;
    private readonly CompiledTemplate _compiled;

    private GatingTemplate(Engine template)
    {
        _template = template;
        _compiled = CompiledTemplate.Compile(template);
    }

    /// <summary>The names of the templates shipped with CytoViability (<c>cytoviability templates</c>), sorted.</summary>
    public static IReadOnlyList<string> ShippedNames => ShippedTemplates.Names;

    /// <summary>The file it was read from, or <c>shipped:NAME</c>.</summary>
    public string Source => _template.SourcePath;

    /// <summary>Lower-case hex sha256 of the template's bytes (as in run.json).</summary>
    public string Sha256 => _template.Sha256;

    public string? Name => _template.Name;

    public string? Description => _template.Description;

    /// <summary>Every population id, parents before children, starting with <c>all</c>.</summary>
    public IReadOnlyList<string> Populations => _template.Populations;

    /// <summary>Loads and validates a template file.</summary>
    /// <exception cref="TemplateException">The file is missing or unreadable, or the template has problems (each with line and column).</exception>
    public static GatingTemplate Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return From(TemplateLoader.LoadFile(path));
    }

    /// <summary>Loads a shipped template by name (one of <see cref="ShippedNames"/>, e.g. <c>dioc6-pi-viability</c>).</summary>
    /// <exception cref="TemplateException">No template of that name is shipped.</exception>
    public static GatingTemplate Shipped(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ShippedTemplates.Find(name) is not { } shipped)
        {
            throw new TemplateException(["template '" + name + "' is not a shipped template (" + string.Join(", ", ShippedTemplates.Names) + ")"]);
        }

        return From(ShippedTemplates.Load(shipped, Directory.GetCurrentDirectory()));
    }

    /// <summary>The parent population of <paramref name="population"/>; null for <c>all</c>.</summary>
    /// <exception cref="KeyNotFoundException">The template has no such population.</exception>
    public string? ParentOf(string population)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (population == Engine.AllEvents)
        {
            return null;
        }

        return _template.Parents.TryGetValue(population, out var parent) ? parent : throw new KeyNotFoundException("the template has no population '" + population + "'");
    }

    /// <summary>
    /// Gates one sample as a one-file run of `cytoviability run` does: the channels resolved by alias, the file's or the
    /// template's compensation, computed gate positions placed on this sample's events, then the populations, MFIs,
    /// gate positions and QC checks the run writes for the file (populations.csv, mfi.csv, gates.csv, qc.csv).
    /// </summary>
    /// <exception cref="SampleException">The file cannot be gated (a channel the template needs is missing, its spillover cannot be applied, ...); the message is its qc.csv fail row.</exception>
    public GatingResults Apply(FcsSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var folder = System.IO.Path.GetDirectoryName(sample.Path) ?? Directory.GetCurrentDirectory();
        var planned = new PlannedSample(System.IO.Path.GetFileName(sample.Path), sample.Path, null);
        var plan = new ExperimentPlan(folder, [planned], [], [], [], []);
        var processor = new SampleProcessor(_compiled, plan);
        var placementPlan = new PlacementPlan(_compiled);
        SamplePlacement?[] placements = [placementPlan.HasComputed ? processor.Place(planned, placementPlan) : null];
        var placement = RunPlacement.Decide(placementPlan, plan, [], placements);
        var outcome = processor.Process(planned, placement, placements[0]);
        if (outcome.Result is not { } result)
        {
            var problems = new List<string>(outcome.Failures.Count);
            foreach (var failure in outcome.Failures)
            {
                problems.Add(outcome.File + ": " + failure.Check + ": " + failure.Message);
            }

            throw new SampleException(problems);
        }

        return new GatingResults(result);
    }

    private static GatingTemplate From(TemplateLoadResult loaded)
    {
        if (loaded.Template is null)
        {
            var problems = new List<string>(loaded.Problems.Count);
            foreach (var problem in loaded.Problems)
            {
                problems.Add(problem.ToString());
            }

            throw new TemplateException(problems);
        }

        return new GatingTemplate(loaded.Template);
    }
}
