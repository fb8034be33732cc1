using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// `cytoviability merge DIR`: checks that every shard of DIR/manifest.json is complete and of that manifest, reads
/// every sample's record in plan order, computes the positions from the maps again, and ends where a single run ends
/// (<see cref="BatchRun.Finish"/>): the same tables, assays, QC, run.json and report, into DIR/out as one unit.
/// A missing or unfinished shard is named and nothing is written, unless `--partial` asks for the rest: then each of
/// its files is a fail row (check <see cref="QcChecks.ShardMissing"/>) and the run ends with exit code 2.
/// </summary>
internal static class ShardMerge
{
    public static RunOutcome Execute(MergeRequest request, IRunObserver observer)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var problems = new List<ConfigurationProblem>();
        var context = ShardSetup.Open(Path.Combine(request.PlanFolder, ShardManifest.FileName), request.Run.OutputPath, request.Run.ToolVersion, problems);
        if (context is null)
        {
            return RunOutcome.Configuration(problems);
        }

        var manifest = context.Manifest;
        var unfinished = new List<int>();
        var plots = true;
        for (var shard = 0; shard < manifest.Shards; shard++)
        {
            var folder = context.ShardFolder(shard);
            var complete = ShardFiles.ReadComplete(folder);
            if (complete is null)
            {
                unfinished.Add(shard);
                var done = WholeRecords(folder);
                problems.Add(ShardManifest.Problem(folder, Directory.Exists(folder)
                    ? "shard " + shard + " did not finish (" + done + " of " + manifest.FilesOf(shard).Count + " samples written): run it again"
                    : "shard " + shard + " is missing: run `cytoviability run --manifest " + Path.Combine(context.PlanFolder, ShardManifest.FileName) + " --shard " + shard + "`"));
            }
            else if (complete.ManifestId != manifest.ManifestId || complete.Shard != shard)
            {
                unfinished.Add(shard);
                problems.Add(ShardManifest.Problem(folder, "holds shard " + complete.Shard + " of manifest " + complete.ManifestId + ", not shard " + shard + " of manifest " + manifest.ManifestId + ": delete it and run the shard again"));
            }
            else
            {
                plots &= complete.Plots;
            }
        }

        if (unfinished.Count > 0 && !request.Partial)
        {
            problems.Add(ShardManifest.Problem(context.PlanFolder, "merge refuses to write results without shard" + (unfinished.Count > 1 ? "s " : " ") + string.Join(", ", unfinished) + " (`merge --partial` writes them, with each missing file a fail row)"));
            return RunOutcome.Configuration(problems);
        }

        var warnings = new List<ConfigurationProblem>(problems);
        problems.Clear();
        if (request.NeedsPlots && !plots)
        {
            problems.Add(ShardManifest.Problem(context.PlanFolder, "a shard was run with --no-report, so its gate plots were not binned: merge with --no-report, or run that shard again without it"));
            return RunOutcome.Configuration(problems);
        }

        var setup = context.Run;
        var plan = new PlacementPlan(setup.Compiled);
        RunPlacement placement;
        if (manifest.NeedsMap)
        {
            var sums = ShardRun.ReduceMaps(context, plan, problems);
            if (sums is null)
            {
                return RunOutcome.Configuration(problems);
            }

            placement = RunPlacement.FromSums(plan, setup.Plan, setup.Overrides, sums);
        }
        else
        {
            placement = RunPlacement.Decide(plan, setup.Plan, setup.Overrides, []);
        }

        OutputGeneration output;
        try
        {
            output = OutputGeneration.Open(setup.OutputFolder, request.Run.WaitForOutputFolder ? observer.Information : null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or OutputFolderException)
        {
            problems.Add(ConfigurationProblem.Of(setup.OutputFolder, exception is OutputFolderException ? exception.Message : "the output folder cannot be used: " + exception.Message));
            return RunOutcome.Configuration(problems);
        }

        using (output)
        {
            foreach (var warning in warnings)
            {
                observer.Warning(warning.ToString());
            }

            var planMilliseconds = clock.Elapsed.TotalMilliseconds;
            var outcomes = new SampleOutcome[manifest.Files.Count];
            using var records = new ShardRecordsRead(context);
            for (var index = 0; index < outcomes.Length; index++)
            {
                var file = manifest.Files[index];
                if (unfinished.Contains(file.Shard))
                {
                    var sample = setup.Plan.Samples[index];
                    outcomes[index] = new SampleOutcome(file.File, null, [new QcRow(sample.Row?.Sample ?? file.File, file.File, QcChecks.ShardMissing, file.Shard, null, QcStatus.Fail, "shard " + file.Shard + " did not finish, so this file is not in the merged results (merge --partial)")], file.Sha256, file.Bytes, 0, 0);
                    continue;
                }

                var record = records.Sample(file.Shard, index, problems, out var plotBytes);
                if (record is null)
                {
                    return RunOutcome.Configuration(problems);
                }

                outcomes[index] = record;
                if (plotBytes is not null)
                {
                    request.OnPlots?.Invoke(plotBytes);
                }
            }

            var processMilliseconds = clock.Elapsed.TotalMilliseconds - planMilliseconds;
            observer.Information("merged " + manifest.Shards + " shards of manifest " + manifest.ManifestId + (unfinished.Count > 0 ? " without shard(s) " + string.Join(", ", unfinished) : string.Empty));
            request.OnTemplate?.Invoke(setup.Template);
            var threads = request.Run.Threads > 0 ? request.Run.Threads : Environment.ProcessorCount;
            return BatchRun.Finish(request.Run, observer, setup, output, outcomes, placement, threads, started, clock, planMilliseconds, processMilliseconds, problems);
        }
    }

    /// <summary>How many whole sample records an unfinished shard's folder holds (0 when it has none or they cannot be read).</summary>
    private static int WholeRecords(string shardFolder)
    {
        try
        {
            using var handle = ShardRecords.OpenToRead(ShardFiles.RecordsPath(shardFolder));
            return ShardRecords.Scan(handle).Records.Count;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The complete shards' records, each shard's file opened and scanned when its first sample is read.</summary>
    private sealed class ShardRecordsRead(ShardSetup context) : IDisposable
    {
        private readonly Dictionary<int, (SafeFileHandle Handle, Dictionary<int, RecordPlace> Places)> _shards = [];
        private byte[] _buffer = [];

        public SampleOutcome? Sample(int shard, int index, List<ConfigurationProblem> problems, out byte[]? plots)
        {
            plots = null;
            var path = ShardFiles.RecordsPath(context.ShardFolder(shard));
            try
            {
                if (!_shards.TryGetValue(shard, out var records))
                {
                    var handle = ShardRecords.OpenToRead(path);
                    var places = new Dictionary<int, RecordPlace>();
                    foreach (var place in ShardRecords.Scan(handle).Records)
                    {
                        places.TryAdd(place.Index, place);
                    }

                    records = (handle, places);
                    _shards[shard] = records;
                }

                if (!records.Places.TryGetValue(index, out var found))
                {
                    throw new InvalidDataException("no whole record of " + context.Manifest.Files[index].File + " (cut short or damaged after the shard finished?)");
                }

                using var stream = ShardRecords.Read(records.Handle, found, ref _buffer);
                using var reader = ShardBinary.Reader(stream);
                var id = ShardBinary.ReadHeader(reader, ShardFiles.SampleMagic, path);
                if (id != context.Manifest.ManifestId || reader.Read7BitEncodedInt() != index)
                {
                    throw new InvalidDataException("a record of another manifest or file");
                }

                var outcome = ShardBinary.ReadOutcome(reader);
                if (outcome.File != context.Manifest.Files[index].File)
                {
                    throw new InvalidDataException("the record of " + outcome.File + ", not of " + context.Manifest.Files[index].File);
                }

                if (reader.ReadBoolean())
                {
                    var length = reader.Read7BitEncodedInt();
                    plots = length is >= 0 and <= 1 << 28 ? reader.ReadBytes(length) : throw new InvalidDataException("gate plots of " + length + " bytes");
                    if (plots.Length != length)
                    {
                        throw new EndOfStreamException();
                    }
                }

                return outcome;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                problems.Add(ShardManifest.Problem(path, "shard " + shard + " is complete but the sample record of " + context.Manifest.Files[index].File + " cannot be read (" + exception.Message + "): delete "
                    + Path.Combine(context.ShardFolder(shard), ShardFiles.CompleteName) + " and run the shard again, which gates that sample (and any recorded after it) again and keeps the others"));
                return null;
            }
        }

        public void Dispose()
        {
            foreach (var (handle, _) in _shards.Values)
            {
                handle.Dispose();
            }
        }
    }
}

/// <summary>
/// `cytoviability merge DIR [--out OUT] [--partial]`: <see cref="Run"/> carries what a run's end needs (tool version,
/// output folder, threads, --fail-on-qc, the caller's run.log and report); <see cref="OnPlots"/> gets every sample's
/// stored gate plots, in plan order.
/// </summary>
internal sealed record MergeRequest(string PlanFolder, RunRequest Run, bool Partial)
{
    public bool NeedsPlots { get; init; }

    public Action<byte[]>? OnPlots { get; init; }

    public Action<GatingTemplate>? OnTemplate { get; init; }
}
