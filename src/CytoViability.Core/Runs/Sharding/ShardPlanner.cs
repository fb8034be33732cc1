using System.Security.Cryptography;
using CytoViability.Core.Experiments;
using CytoViability.Core.Fcs;
using CytoViability.Core.Files;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// `cytoviability plan FOLDER --shards N --out DIR`: settles the experiment as `run` would (template, sheet, files),
/// hashes every file, and assigns files to shards by donor so that a shard holds whole donors: donors are taken largest
/// first (bytes, then name) and each goes to the shard with the fewest bytes so far (the lowest number on a tie).
/// A file whose donor is not known before reading (no sheet column, no rule) is a group of its own.
/// </summary>
internal static class ShardPlanner
{
    public static ShardManifest? Plan(RunRequest request, int shards, string planFolder, List<ConfigurationProblem> problems)
    {
        var folder = Path.GetFullPath(planFolder);
        if (shards < 1)
        {
            problems.Add(ShardManifest.Problem(planFolder, "--shards must be 1 or more"));
            return null;
        }

        if (Directory.Exists(request.Folder) && ContainedPath.RealPath(folder) is { } realPlan && ContainedPath.RealPath(Path.GetFullPath(request.Folder)) is { } realExperiment
            && ContainedPath.IsInside(realPlan, realExperiment))
        {
            problems.Add(ShardManifest.Problem(planFolder, "the plan folder may not be the experiment folder or contain it"));
            return null;
        }

        var setup = RunSetup.Prepare(request with { OutputPath = request.OutputPath ?? ShardSetup.DefaultMergedFolder(folder), ExcludedFolders = [folder] }, problems);
        if (setup is null)
        {
            return null;
        }

        var samples = setup.Plan.Samples;
        var hashes = new (string? Sha256, long Bytes, string Group)[samples.Count];
        Parallel.For(0, samples.Count, new ParallelOptions { MaxDegreeOfParallelism = request.Threads > 0 ? request.Threads : Environment.ProcessorCount }, index =>
        {
            hashes[index] = Inspect(setup.Plan, samples[index]);
        });

        var groups = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, bytes, group) in hashes)
        {
            groups[group] = groups.GetValueOrDefault(group) + bytes;
        }

        var order = groups.ToList();
        order.Sort(static (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        var load = new long[shards];
        var shardOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (group, bytes) in order)
        {
            var lightest = 0;
            for (var shard = 1; shard < shards; shard++)
            {
                if (load[shard] < load[lightest])
                {
                    lightest = shard;
                }
            }

            shardOf[group] = lightest;
            load[lightest] += Math.Max(bytes, 1);
        }

        var files = new List<ShardFile>(samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            files.Add(new ShardFile(samples[i].RelativePath, hashes[i].Sha256, hashes[i].Bytes, hashes[i].Group, shardOf[hashes[i].Group]));
        }

        var refused = setup.Plan.Failures.Select(f => f.File).ToList();
        var source = setup.TemplateSource ?? throw new InvalidOperationException("a loaded template always has its source");
        var (matrixPath, matrixSha) = ShardSetup.MatrixSha256(setup.Template);
        var samplesOption = request.SamplesPath is null ? null : Path.GetFullPath(request.SamplesPath);
        var draft = new ShardManifest(
            string.Empty,
            request.ToolVersion,
            shards,
            new PlacementPlan(setup.Compiled).HasComputed,
            setup.Folder,
            source,
            setup.Template.Sha256,
            samplesOption,
            setup.SheetSha256,
            ShardSetup.SettingsSha256(setup.Folder),
            matrixPath,
            matrixSha,
            files,
            refused);
        return draft with { ManifestId = ShardManifest.IdOf(draft) };
    }

    /// <summary>
    /// Writes DIR/manifest.json (atomically). A folder that already holds the maps or shards of another manifest is
    /// refused: their results would not belong to the new plan.
    /// </summary>
    public static bool Write(ShardManifest manifest, string planFolder, List<ConfigurationProblem> problems)
    {
        var folder = Path.GetFullPath(planFolder);
        var path = Path.Combine(folder, ShardManifest.FileName);
        if (File.Exists(path))
        {
            var previous = ShardManifest.Read(path, []);
            var used = Directory.Exists(Path.Combine(folder, ShardSetup.MapsFolder)) || Directory.Exists(Path.Combine(folder, ShardSetup.ShardsFolder));
            if (previous?.ManifestId != manifest.ManifestId && used)
            {
                problems.Add(ShardManifest.Problem(path, "this folder holds the shards of another plan (manifest " + (previous?.ManifestId ?? "unreadable") + "); choose a new --out, or delete " + folder + " first"));
                return false;
            }
        }

        try
        {
            Directory.CreateDirectory(folder);
            ShardFiles.WriteAtomically(path, manifest.Write);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add(ShardManifest.Problem(path, "the manifest could not be written: " + exception.Message));
            return false;
        }
    }

    /// <summary>A file's sha256, size and group (its donor when the sheet or the rules give one, else the file itself).</summary>
    private static (string? Sha256, long Bytes, string Group) Inspect(ExperimentPlan plan, PlannedSample sample)
    {
        // Hashed as a stream (no copy of the file in memory); the file is read whole only when a metadata rule needs
        // its keywords to know the donor.
        string sha;
        long length;
        try
        {
            using var stream = ContainedFile.OpenRead(plan.Folder, sample.FullPath);
            length = stream.Length;
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ContainmentException)
        {
            // The shard that reads it reports why, exactly as a single run would.
            return (null, 0, "file=" + sample.RelativePath);
        }

        FcsKeywords? keywords = null;
        string? Keyword(string name)
        {
            if (keywords is null)
            {
                try
                {
                    var bytes = ContainedFile.ReadAll(plan.Folder, sample.FullPath, SampleProcessor.DefaultMaximumFileBytes, "--max-file-size");
                    keywords = FcsReader.Read(bytes, sample.RelativePath, new FcsReadOptions { KeywordsOnly = true, FirstDataSetOnly = true }).DataSets[0].Keywords;
                }
                catch (Exception exception) when (exception is FcsFormatException or ArgumentOutOfRangeException or IOException or UnauthorizedAccessException or ContainmentException or InputTooLargeException)
                {
                    return null;
                }
            }

            return keywords[name];
        }

        var metadata = SampleMetadataResolver.Resolve(plan, sample, Keyword, out _);
        var donor = metadata?.Donor ?? sample.Row?.Donor;
        return (sha, length, string.IsNullOrEmpty(donor) ? "file=" + sample.RelativePath : "donor=" + donor);
    }
}
