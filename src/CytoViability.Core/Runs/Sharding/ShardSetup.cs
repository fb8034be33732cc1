using CytoViability.Core.Experiments;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// A shard manifest opened for work (`run --manifest`, `merge`): the experiment planned again with the folded
/// template, then checked against the manifest. A sample sheet, experiment.yaml or compensation matrix that changed,
/// or a file added, removed or renamed since `plan`, is refused by name: shards of one manifest gate the same inputs.
/// (Each file's sha256 is checked when the file is read.)
/// </summary>
internal sealed record ShardSetup(ShardManifest Manifest, RunSetup Run, string PlanFolder)
{
    public const string MapsFolder = "maps";
    public const string ShardsFolder = "shards";
    public const string MergedFolder = "out";

    public string MapFolder(int shard) => Path.Combine(PlanFolder, MapsFolder, shard.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string ShardFolder(int shard) => Path.Combine(PlanFolder, ShardsFolder, shard.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string DefaultMergedFolder(string planFolder) => Path.Combine(Path.GetFullPath(planFolder), MergedFolder);

    /// <summary>Opens the manifest at <paramref name="manifestPath"/>; <paramref name="outputPath"/> is the merged output folder (default DIR/out).</summary>
    public static ShardSetup? Open(string manifestPath, string? outputPath, string toolVersion, List<ConfigurationProblem> problems)
    {
        var path = Path.GetFullPath(manifestPath);
        if (!File.Exists(path))
        {
            problems.Add(ShardManifest.Problem(manifestPath, "shard manifest not found (write one with `cytoviability plan FOLDER --shards N --out DIR`)"));
            return null;
        }

        var manifest = ShardManifest.Read(path, problems);
        if (manifest is null)
        {
            return null;
        }

        if (manifest.ToolVersion != toolVersion)
        {
            problems.Add(ShardManifest.Problem(path, "planned with cytoviability " + manifest.ToolVersion + ", this is " + toolVersion + ": every shard and the merge must run the same version; plan again"));
            return null;
        }

        var planFolder = Path.GetDirectoryName(path)!;
        var request = new RunRequest(manifest.Folder, null, manifest.SamplesOption, outputPath ?? DefaultMergedFolder(planFolder))
        {
            FoldedTemplate = manifest.Template,
            ExcludedFolders = [planFolder],
        };
        var setup = RunSetup.Prepare(request, problems);
        if (setup is null)
        {
            return null;
        }

        var start = problems.Count;
        if (setup.Template.Sha256 != manifest.TemplateSha256)
        {
            problems.Add(ShardManifest.Problem(path, "the folded template does not hash to the manifest's sha256 " + manifest.TemplateSha256));
        }

        if (setup.SheetSha256 != manifest.SheetSha256)
        {
            problems.Add(ShardManifest.Problem(setup.Sheet?.Path ?? manifest.Folder, "the sample sheet changed since `plan` (sha256 " + (setup.SheetSha256 ?? "none") + ", planned " + (manifest.SheetSha256 ?? "none") + "); plan again"));
        }

        if (SettingsSha256(manifest.Folder) != manifest.SettingsSha256)
        {
            problems.Add(ShardManifest.Problem(Path.Combine(manifest.Folder, ExperimentSettings.FileName), "experiment.yaml changed since `plan`; plan again"));
        }

        if (MatrixSha256(setup.Template) is var (matrix, matrixSha) && (matrix != manifest.MatrixPath || matrixSha != manifest.MatrixSha256))
        {
            problems.Add(ShardManifest.Problem(matrix ?? manifest.MatrixPath ?? path, "the template's compensation matrix changed since `plan`; plan again"));
        }

        CheckFiles(manifest, setup.Plan, path, problems);
        return problems.Count > start ? null : new ShardSetup(manifest, setup, planFolder);
    }

    /// <summary>sha256 of FOLDER/experiment.yaml, or null when there is none.</summary>
    public static string? SettingsSha256(string folder)
    {
        var settings = Path.Combine(folder, ExperimentSettings.FileName);
        return File.Exists(settings) ? BatchRun.HashFile(settings) : null;
    }

    /// <summary>The template's compensation matrix file and its sha256 (nulls when it names none).</summary>
    public static (string? Path, string? Sha256) MatrixSha256(GatingTemplate template)
        => template.Compensation.Matrix is { } matrix && File.Exists(matrix.Path) ? (matrix.Path, BatchRun.HashFile(matrix.Path)) : (template.Compensation.Matrix?.Path, null);

    private static void CheckFiles(ShardManifest manifest, ExperimentPlan plan, string path, List<ConfigurationProblem> problems)
    {
        var start = problems.Count;
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            planned.Add(file.File);
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in plan.Samples)
        {
            found.Add(sample.RelativePath);
            if (!planned.Contains(sample.RelativePath))
            {
                problems.Add(ShardManifest.Problem(sample.FullPath, "this file was not in the experiment when it was planned; plan again"));
            }
        }

        foreach (var file in manifest.Files)
        {
            if (!found.Contains(file.File))
            {
                problems.Add(ShardManifest.Problem(Path.Combine(manifest.Folder, file.File), "planned, but no longer part of the experiment (removed, renamed, or dropped from the sheet); plan again"));
            }
        }

        var refused = new List<string>();
        foreach (var failure in plan.Failures)
        {
            refused.Add(failure.File);
        }

        if (!refused.SequenceEqual(manifest.Refused, StringComparer.Ordinal))
        {
            problems.Add(ShardManifest.Problem(path, "the files refused before reading differ from the plan's (" + string.Join(", ", refused) + " now, " + string.Join(", ", manifest.Refused) + " planned); plan again"));
        }

        if (problems.Count == start && plan.Samples.Count == manifest.Files.Count)
        {
            for (var i = 0; i < plan.Samples.Count; i++)
            {
                if (plan.Samples[i].RelativePath != manifest.Files[i].File)
                {
                    problems.Add(ShardManifest.Problem(path, "the files are in another order than planned; plan again"));
                    return;
                }
            }
        }
    }
}
