using CytoViability.Core.Experiments;
using CytoViability.Core.Fcs;
using CytoViability.Core.Files;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Hashing;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// `cytoviability plan FOLDER --shards N --out DIR`: settles the experiment as `run` would (template, sheet, files),
/// hashes every file (sixteen at a time where the lanes pay: <see cref="InputHashes"/>), and assigns files to shards by donor so that a shard holds whole donors: donors are taken largest
/// first (bytes, then name) and each goes to the shard with the fewest bytes so far (the lowest number on a tie).
/// A file whose donor is not known before reading (no sheet column, no rule) is a group of its own.
/// When the template computes gate positions from pooled data, the same read of each file also counts its placement
/// histograms (the map step), and <see cref="Write"/> writes every shard's map with the manifest.
/// </summary>
internal static class ShardPlanner
{
    public static PlannedShards? Plan(RunRequest request, int shards, string planFolder, List<ConfigurationProblem> problems)
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
        var threads = request.Threads > 0 ? request.Threads : Environment.ProcessorCount;

        // Hashed sixteen at a time where the lanes pay, as a run does (InputHashes); the read below hashes the rest.
        var laneHashes = InputHashes.Compute(samples.Select(s => s.FullPath).ToList(), path => ContainedFile.OpenRead(setup.Plan.Folder, path), threads);
        var hashes = new (string? Sha256, long Bytes, DateTime Modified, string Group)[samples.Count];
        var placement = new PlacementPlan(setup.Compiled);
        var placements = placement.HasComputed ? new SamplePlacement?[samples.Count] : null;
        var processor = placements is null ? null : new SampleProcessor(setup.Compiled, setup.Plan)
        {
            KnownSha256 = SampleProcessor.Trusting(samples, laneHashes),
        };
        Parallel.For(0, samples.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, index =>
        {
            // The map step in the read that hashes the file: only the counted events are decoded on the way. A file
            // placement cannot use (unreadable, a channel missing, …) is inspected alone, as without a map.
            if (processor?.Place(samples[index], placement, hashFile: true) is { Sha256: { } sha } counted)
            {
                placements![index] = counted;
                hashes[index] = (sha, counted.Bytes, counted.ModifiedUtc, GroupOf(counted.Metadata.Donor, samples[index]));
                return;
            }

            hashes[index] = Inspect(setup.Plan, samples[index], laneHashes[index]);
        });

        var groups = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, bytes, _, group) in hashes)
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
            files.Add(new ShardFile(samples[i].RelativePath, hashes[i].Sha256, hashes[i].Bytes, hashes[i].Modified, hashes[i].Group, shardOf[hashes[i].Group]));
        }

        var refused = setup.Plan.Failures.Select(f => f.File).ToList();
        var source = setup.TemplateSource ?? throw new InvalidOperationException("a loaded template always has its source");
        var (matrixPath, matrixSha) = ShardSetup.MatrixSha256(setup.Template);
        var samplesOption = request.SamplesPath is null ? null : Path.GetFullPath(request.SamplesPath);
        var draft = new ShardManifest(
            string.Empty,
            request.ToolVersion,
            shards,
            placement.HasComputed,
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
        var manifest = draft with { ManifestId = ShardManifest.IdOf(draft) };
        if (placements is null)
        {
            return new PlannedShards(manifest, []);
        }

        var maps = new List<ShardMap>(shards);
        for (var shard = 0; shard < shards; shard++)
        {
            var own = manifest.FilesOf(shard);
            var counted = own.ConvertAll(i => placements[i]);
            maps.Add(new ShardMap(shard, own, counted, RunPlacement.Pool(placement, setup.Plan, counted)));
        }

        return new PlannedShards(manifest, maps);
    }

    /// <summary>
    /// Writes DIR/manifest.json (atomically), then every shard's map when the plan has them. A folder that already
    /// holds shards of another manifest is refused: their results would not belong to the new plan. The maps of another
    /// manifest whose shards never ran are the previous plan's own counts: removed before the new manifest is written.
    /// </summary>
    public static bool Write(PlannedShards planned, string planFolder, List<ConfigurationProblem> problems)
    {
        var manifest = planned.Manifest;
        var folder = Path.GetFullPath(planFolder);
        var path = Path.Combine(folder, ShardManifest.FileName);
        var maps = Path.Combine(folder, ShardSetup.MapsFolder);
        var replaced = false;
        if (File.Exists(path) && ShardManifest.Read(path, []) is var previous && previous?.ManifestId != manifest.ManifestId)
        {
            if (Directory.Exists(Path.Combine(folder, ShardSetup.ShardsFolder)))
            {
                problems.Add(ShardManifest.Problem(path, "this folder holds the shards of another plan (manifest " + (previous?.ManifestId ?? "unreadable") + "); choose a new --out, or delete " + folder + " first"));
                return false;
            }

            replaced = true;
        }

        try
        {
            Directory.CreateDirectory(folder);
            if (replaced && Directory.Exists(maps))
            {
                Directory.Delete(maps, recursive: true);
            }

            ShardFiles.WriteAtomically(path, manifest.Write);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add(ShardManifest.Problem(path, "the manifest could not be written: " + exception.Message));
            return false;
        }

        // A map already there of this manifest (the same experiment planned again) holds the same counts: kept.
        var start = problems.Count;
        foreach (var map in planned.Maps)
        {
            var mapFolder = Path.Combine(maps, map.Shard.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!Directory.Exists(mapFolder) || ShardFiles.ManifestIdOf(Path.Combine(mapFolder, ShardFiles.SumsName), ShardFiles.SumsMagic) != manifest.ManifestId)
            {
                ShardRun.WriteMap(mapFolder, manifest.ManifestId, map.Shard, map.Files, map.Placements, map.Sums, problems);
            }
        }

        return problems.Count == start;
    }

    /// <summary>
    /// A file's sha256, size, last-write time and group (its donor when the sheet or the rules give one, else the file
    /// itself). The file is read once, as a stream: its first data set's keywords are parsed on the way (a metadata
    /// rule may need them to know the donor) and the rest is only hashed, unless the lanes hashed it already
    /// (<paramref name="hashed"/>, trusted while the file's size and last-write time are unchanged: then only the
    /// keywords are read). The last-write time is taken from the open file before it is read, so a file changed while
    /// it is hashed has another time and is hashed again by its shard.
    /// </summary>
    private static (string? Sha256, long Bytes, DateTime Modified, string Group) Inspect(ExperimentPlan plan, PlannedSample sample, InputHash? hashed)
    {
        string sha;
        long length;
        DateTime modified;
        FcsKeywords? keywords = null;
        try
        {
            using var stream = ContainedFile.OpenRead(plan.Folder, sample.FullPath);
            length = stream.Length;
            modified = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
            using var source = new FcsHashingFileSource(stream.SafeFileHandle, length, hashed?.Unchanged(stream));
            try
            {
                keywords = FcsReader.Read(source, sample.RelativePath, new FcsReadOptions { KeywordsOnly = true, FirstDataSetOnly = true }).DataSets[0].Keywords;
            }
            catch (Exception exception) when (exception is FcsFormatException or ArgumentOutOfRangeException or EndOfStreamException)
            {
                // Not readable as FCS: no keywords for the rules; the shard reports the file as a run would.
            }

            sha = source.Finish();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ContainmentException)
        {
            // The shard that reads it reports why, exactly as a single run would.
            return (null, 0, default, "file=" + sample.RelativePath);
        }

        var metadata = SampleMetadataResolver.Resolve(plan, sample, name => keywords?[name], out _);
        return (sha, length, modified, GroupOf(metadata?.Donor ?? sample.Row?.Donor, sample));
    }

    private static string GroupOf(string? donor, PlannedSample sample) => string.IsNullOrEmpty(donor) ? "file=" + sample.RelativePath : "donor=" + donor;
}

/// <summary>A plan: its manifest and, when the template computes gate positions from pooled data, every shard's map.</summary>
internal sealed record PlannedShards(ShardManifest Manifest, IReadOnlyList<ShardMap> Maps);

/// <summary>One shard's map as `plan` counted it: the shard's files (manifest indexes), each one's placement, and their sums.</summary>
internal sealed record ShardMap(int Shard, IReadOnlyList<int> Files, IReadOnlyList<SamplePlacement?> Placements, PlacementSums Sums);
