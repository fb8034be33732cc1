using System.Globalization;
using CytoViability.Core.Experiments;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// One shard of a planned run, in one process. The map (only when the template computes gate positions from pooled
/// data: the shard's placement histograms summed per group, DIR/maps/K/pooled.bin, and each sample's own,
/// DIR/maps/K/samples.bin, one folder renamed into place) is counted by `plan` as it hashes the files; the map step
/// here counts one again (a map deleted or lost) the same way, bit for bit. The run step adds up every shard's
/// sums (integers: the same totals as a single run, in any order), computes the positions exactly as a single run
/// does, then gates, measures and bins plots for the shard's files, each sample's record written whole.
/// Nothing here knows a scheduler: Slurm, another one or a shell loop runs the same commands.
/// </summary>
internal static class ShardRun
{
    public static ShardOutcome Execute(ShardRunRequest request, IRunObserver observer)
    {
        var problems = new List<ConfigurationProblem>();
        var context = ShardSetup.Open(request.ManifestPath, null, request.ToolVersion, problems);
        if (context is null)
        {
            return ShardOutcome.Refused(problems);
        }

        if (request.Shard < 0 || request.Shard >= context.Manifest.Shards)
        {
            problems.Add(ShardManifest.Problem(request.ManifestPath, "shard " + request.Shard + " does not exist: the manifest has shards 0 to " + (context.Manifest.Shards - 1)));
            return ShardOutcome.Refused(problems);
        }

        return request.Map ? Map(request, observer, context, problems) : Gate(request, observer, context, problems);
    }

    private static ShardOutcome Map(ShardRunRequest request, IRunObserver observer, ShardSetup context, List<ConfigurationProblem> problems)
    {
        var manifest = context.Manifest;
        var folder = context.MapFolder(request.Shard);
        if (!manifest.NeedsMap)
        {
            observer.Information("the template computes no gate position from pooled data: shard " + request.Shard + " needs no map step");
            return new ShardOutcome(ShardStatus.AlreadyDone, problems, null, 0, 0);
        }

        if (Directory.Exists(folder))
        {
            var id = ShardFiles.ManifestIdOf(Path.Combine(folder, ShardFiles.SumsName), ShardFiles.SumsMagic);
            if (id == manifest.ManifestId)
            {
                observer.Information("map of shard " + request.Shard + " already done for manifest " + manifest.ManifestId + ": nothing redone");
                return new ShardOutcome(ShardStatus.AlreadyDone, problems, folder, 0, 0);
            }

            problems.Add(ShardManifest.Problem(folder, "holds the map of " + (id is null ? "an unreadable or unfinished step" : "manifest " + id) + ", not of manifest " + manifest.ManifestId + "; delete it and run the map step again"));
            return ShardOutcome.Refused(problems);
        }

        var setup = context.Run;
        var files = manifest.FilesOf(request.Shard);
        observer.Planned(files.Count);
        var processor = new SampleProcessor(setup.Compiled, setup.Plan, null, request.MaximumFileBytes) { KnownSha256 = KnownSha256(request, context) };
        var plan = new PlacementPlan(setup.Compiled);
        var placements = new SamplePlacement?[files.Count];
        Parallel.For(0, files.Count, Options(request.Threads), i =>
        {
            placements[i] = processor.Place(setup.Plan.Samples[files[i]], plan, hashFile: true);
            observer.FileFinished(manifest.Files[files[i]].File, null);
        });

        for (var i = 0; i < files.Count; i++)
        {
            if (placements[i]?.Sha256 is { } sha && sha != manifest.Files[files[i]].Sha256)
            {
                problems.Add(Changed(setup, manifest.Files[files[i]], sha));
            }
        }

        if (problems.Count > 0)
        {
            return ShardOutcome.Refused(problems);
        }

        if (!WriteMap(folder, manifest.ManifestId, request.Shard, files, placements, RunPlacement.Pool(plan, setup.Plan, placements), problems))
        {
            return ShardOutcome.Refused(problems);
        }

        observer.Information("map of shard " + request.Shard + ": " + files.Count + " files counted into " + folder);
        return new ShardOutcome(ShardStatus.Done, problems, folder, files.Count, 0);
    }

    private static ShardOutcome Gate(ShardRunRequest request, IRunObserver observer, ShardSetup context, List<ConfigurationProblem> problems)
    {
        var manifest = context.Manifest;
        var setup = context.Run;
        var folder = Path.GetFullPath(request.OutputPath ?? context.ShardFolder(request.Shard));
        if (ShardFiles.ReadComplete(folder) is { } complete)
        {
            if (complete.ManifestId == manifest.ManifestId && complete.Shard == request.Shard)
            {
                observer.Information("shard " + request.Shard + " already finished for manifest " + manifest.ManifestId + ": nothing redone");
                return new ShardOutcome(ShardStatus.AlreadyDone, problems, folder, complete.Files, 0);
            }

            problems.Add(ShardManifest.Problem(folder, "holds shard " + complete.Shard + " of manifest " + (complete.ManifestId.Length == 0 ? "(unreadable)" : complete.ManifestId) + ", not shard " + request.Shard + " of manifest " + manifest.ManifestId + "; delete it or choose another --out"));
            return ShardOutcome.Refused(problems);
        }

        var plan = new PlacementPlan(setup.Compiled);
        var files = manifest.FilesOf(request.Shard);
        var own = new SamplePlacement?[manifest.Files.Count];
        RunPlacement placement;
        if (manifest.NeedsMap)
        {
            var sums = ReduceMaps(context, plan, problems);
            if (sums is null || !ReadPlacements(context, request.Shard, own, problems))
            {
                return ShardOutcome.Refused(problems);
            }

            placement = RunPlacement.FromSums(plan, setup.Plan, setup.Overrides, sums);
        }
        else
        {
            placement = RunPlacement.Decide(plan, setup.Plan, setup.Overrides, []);
        }

        Directory.CreateDirectory(folder);
        var recordsPath = ShardFiles.RecordsPath(folder);
        ShardRecords records;
        RecordScan found;
        try
        {
            records = ShardRecords.Append(recordsPath, out found);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add(ShardManifest.Problem(recordsPath, "cannot be opened to write (" + exception.Message + "): is shard " + request.Shard + " running in another process?"));
            return ShardOutcome.Refused(problems);
        }

        using (records)
        {
            return GateFiles(request, observer, context, problems, folder, files, placement, own, records, found);
        }
    }

    /// <summary>Gates the shard's files that have no whole record yet, appending a record for each.</summary>
    private static ShardOutcome GateFiles(ShardRunRequest request, IRunObserver observer, ShardSetup context, List<ConfigurationProblem> problems, string folder, IReadOnlyList<int> files, RunPlacement placement, SamplePlacement?[] own, ShardRecords records, RecordScan found)
    {
        var manifest = context.Manifest;
        var setup = context.Run;
        var recordsPath = ShardFiles.RecordsPath(folder);
        var done = new HashSet<int>();
        var inShard = new HashSet<int>(files);
        foreach (var record in found.Records)
        {
            if (record.ManifestId != manifest.ManifestId || !inShard.Contains(record.Index))
            {
                problems.Add(ShardManifest.Problem(recordsPath, "holds a sample record of " + (record.ManifestId != manifest.ManifestId ? "manifest " + record.ManifestId + ", not of manifest " + manifest.ManifestId : "file " + record.Index + ", which is not in shard " + request.Shard) + "; delete the shard folder and run it again"));
                return ShardOutcome.Refused(problems);
            }

            done.Add(record.Index);
        }

        if (found.WholeBytes < found.FileBytes)
        {
            observer.Information(recordsPath + ": the last " + (found.FileBytes - found.WholeBytes) + " bytes were a sample record cut short (a run stopped while writing it): dropped, the sample is done again");
        }

        var pending = new List<int>();
        foreach (var index in files)
        {
            if (!done.Contains(index))
            {
                pending.Add(index);
            }
        }

        if (pending.Count < files.Count)
        {
            observer.Information("shard " + request.Shard + ": " + (files.Count - pending.Count) + " samples already done, " + pending.Count + " to go");
        }

        observer.Planned(pending.Count);
        var processor = new SampleProcessor(setup.Compiled, setup.Plan, request.OnGated, request.MaximumFileBytes) { KnownSha256 = KnownSha256(request, context) };
        var changed = new System.Collections.Concurrent.ConcurrentBag<ConfigurationProblem>();
        var failed = 0;
        try
        {
            Parallel.For(0, pending.Count, Options(request.Threads), i =>
            {
                var index = pending[i];
                var outcome = processor.Process(setup.Plan.Samples[index], placement, own[index]);
                own[index] = null;
                var plots = request.TakePlots?.Invoke(outcome.File);
                var planned = manifest.Files[index];
                if (outcome.Sha256 is { } sha && sha != planned.Sha256)
                {
                    changed.Add(Changed(setup, planned, sha));
                    return;
                }

                if (outcome.Result is null)
                {
                    Interlocked.Increment(ref failed);
                }

                records.Add(writer =>
                {
                    ShardBinary.WriteHeader(writer, ShardFiles.SampleMagic, manifest.ManifestId);
                    writer.Write7BitEncodedInt(index);
                    ShardBinary.WriteOutcome(writer, outcome);
                    writer.Write(plots is not null);
                    if (plots is not null)
                    {
                        writer.Write7BitEncodedInt(plots.Length);
                        writer.Write(plots);
                    }
                });
                observer.FileFinished(outcome.File, outcome.Result is null ? (outcome.Failures.Count > 0 ? outcome.Failures[0].Message : "failed") : null);
            });
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(e => e is IOException or UnauthorizedAccessException))
        {
            problems.Add(ShardManifest.Problem(folder, "sample results could not be written: " + exception.InnerExceptions[0].Message));
            return ShardOutcome.Refused(problems);
        }

        if (!changed.IsEmpty)
        {
            problems.AddRange(changed.OrderBy(p => p.File, StringComparer.Ordinal));
            return ShardOutcome.Refused(problems);
        }

        try
        {
            records.Flush();
            ShardFiles.WriteComplete(folder, manifest.ManifestId, request.Shard, files.Count, failed, request.TakePlots is not null, request.ToolVersion);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add(ShardManifest.Problem(folder, "the shard could not be marked complete: " + exception.Message));
            return ShardOutcome.Refused(problems);
        }

        observer.Information("shard " + request.Shard + " finished: " + files.Count + " files in " + folder);
        return new ShardOutcome(ShardStatus.Done, problems, folder, files.Count, failed);
    }

    /// <summary>
    /// Writes shard <paramref name="shard"/>'s map folder: its samples' histograms pooled (pooled.bin) and each
    /// sample's own (samples.bin, <paramref name="placements"/> in the order of <paramref name="files"/>). The folder
    /// appears whole: written aside, then renamed. False (the reason in <paramref name="problems"/>) when it could not be.
    /// </summary>
    internal static bool WriteMap(string folder, string manifestId, int shard, IReadOnlyList<int> files, IReadOnlyList<SamplePlacement?> placements, PlacementSums sums, List<ConfigurationProblem> problems)
    {
        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, "." + shard.ToString(CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N") + ".partial");
        Directory.CreateDirectory(staging);
        try
        {
            ShardFiles.WriteAtomically(Path.Combine(staging, ShardFiles.SumsName), stream =>
            {
                using var writer = ShardBinary.Writer(stream);
                ShardBinary.WriteHeader(writer, ShardFiles.SumsMagic, manifestId);
                ShardBinary.WriteSums(writer, sums);
            });
            ShardFiles.WriteAtomically(Path.Combine(staging, ShardFiles.PlacementsName), stream =>
            {
                using var writer = ShardBinary.Writer(stream);
                ShardBinary.WriteHeader(writer, ShardFiles.PlacementsMagic, manifestId);
                writer.Write7BitEncodedInt(files.Count);
                for (var i = 0; i < files.Count; i++)
                {
                    writer.Write7BitEncodedInt(files[i]);
                    writer.Write(placements[i] is not null);
                    if (placements[i] is { } placement)
                    {
                        ShardBinary.WritePlacement(writer, placement);
                    }
                }
            });
            if (Directory.Exists(folder))
            {
                // A map of another manifest, left where `plan` writes a new one (it refuses the folder only when shards ran).
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(staging, folder);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add(ShardManifest.Problem(folder, "the map could not be written: " + exception.Message));
            return false;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Adds up every shard's placement sums; null (naming them) when a shard's map is missing or of another manifest.</summary>
    internal static PlacementSums? ReduceMaps(ShardSetup context, PlacementPlan plan, List<ConfigurationProblem> problems)
    {
        var manifest = context.Manifest;
        var missing = new List<int>();
        var total = PlacementSums.Empty(plan);
        for (var shard = 0; shard < manifest.Shards; shard++)
        {
            var path = Path.Combine(context.MapFolder(shard), ShardFiles.SumsName);
            if (!File.Exists(path))
            {
                missing.Add(shard);
                continue;
            }

            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                using var reader = ShardBinary.Reader(stream);
                var id = ShardBinary.ReadHeader(reader, ShardFiles.SumsMagic, path);
                if (id != manifest.ManifestId)
                {
                    problems.Add(ShardManifest.Problem(path, "the map of manifest " + id + ", not of manifest " + manifest.ManifestId + "; delete " + context.MapFolder(shard) + " and run the map step of shard " + shard + " again"));
                    continue;
                }

                total.Merge(ShardBinary.ReadSums(reader, plan, path));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
            {
                problems.Add(ShardManifest.Problem(path, "the map cannot be read: " + exception.Message));
            }
        }

        if (missing.Count > 0)
        {
            problems.Add(ShardManifest.Problem(Path.Combine(context.PlanFolder, ShardSetup.MapsFolder),
                "the template computes gate positions from pooled data, and the map of shard" + (missing.Count > 1 ? "s " : " ") + string.Join(", ", missing)
                + " is missing (`plan` writes every shard's map): count " + (missing.Count > 1 ? "each of them" : "it") + " again with `cytoviability run --manifest " + Path.Combine(context.PlanFolder, ShardManifest.FileName) + " --shard K --map` first"));
        }

        return problems.Count > 0 ? null : total;
    }

    private static bool ReadPlacements(ShardSetup context, int shard, SamplePlacement?[] own, List<ConfigurationProblem> problems)
    {
        var path = Path.Combine(context.MapFolder(shard), ShardFiles.PlacementsName);
        try
        {
            // Held whole: the samples' histograms stay encoded in it until one is needed.
            var map = File.ReadAllBytes(path);
            using var stream = new MemoryStream(map, 0, map.Length, writable: false, publiclyVisible: true);
            using var reader = ShardBinary.Reader(stream);
            var id = ShardBinary.ReadHeader(reader, ShardFiles.PlacementsMagic, path);
            if (id != context.Manifest.ManifestId)
            {
                problems.Add(ShardManifest.Problem(path, "the map of manifest " + id + ", not of manifest " + context.Manifest.ManifestId));
                return false;
            }

            for (var n = reader.Read7BitEncodedInt(); n > 0; n--)
            {
                var index = reader.Read7BitEncodedInt();
                if (index < 0 || index >= own.Length)
                {
                    throw new InvalidDataException("file index " + index + " is out of range");
                }

                own[index] = reader.ReadBoolean() ? ShardBinary.ReadPlacement(reader, map) : null;
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            problems.Add(ShardManifest.Problem(path, "the map cannot be read: " + exception.Message));
            return false;
        }
    }

    /// <summary>
    /// `plan` hashed every file; a file whose size and last-write time are still those it saw is read without being
    /// hashed again (its manifest sha256 goes into run.json, as the run's own hash would), any other file is hashed as
    /// read and refused if it differs. With --rehash every file is hashed again.
    /// </summary>
    private static Func<PlannedSample, FileStream, string?>? KnownSha256(ShardRunRequest request, ShardSetup context)
    {
        if (request.Rehash)
        {
            return null;
        }

        var planned = new Dictionary<string, ShardFile>(StringComparer.Ordinal);
        foreach (var file in context.Manifest.Files)
        {
            planned[file.File] = file;
        }

        return (sample, opened) => planned.TryGetValue(sample.RelativePath, out var file) ? file.UnchangedSha256(opened) : null;
    }

    private static ConfigurationProblem Changed(RunSetup setup, ShardFile planned, string sha)
        => ShardManifest.Problem(Path.Combine(setup.Folder, planned.File), "changed since `plan` (sha256 " + sha + ", planned " + (planned.Sha256 ?? "unreadable") + "); plan again: shards of one manifest must read the same inputs");

    private static ParallelOptions Options(int threads) => new() { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
}
