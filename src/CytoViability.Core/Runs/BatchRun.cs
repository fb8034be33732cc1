using System.Diagnostics;
using System.Security.Cryptography;
using CytoViability.Core.Experiments;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Hashing;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// `cytoviability run`: settle template, sheet and files; process every file in parallel; join the assays across
/// samples; write every output table atomically. One bad file is a fail row in qc.csv, never the end of the run.
/// Results are sorted by sample and file, so any thread count writes the same bytes.
/// </summary>
internal static class BatchRun
{
    public static string DefaultOutputFolder(string folder) => Path.Combine(Path.GetFullPath(folder), FileDiscovery.DefaultOutputName);

    public static RunOutcome Execute(RunRequest request, IRunObserver observer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var problems = new List<ConfigurationProblem>();
        var setup = RunSetup.Prepare(request, problems);
        if (setup is null)
        {
            return RunOutcome.Configuration(problems);
        }

        // The folder is locked before any file is read, so a second run into it stops at once, not after gating.
        OutputGeneration output;
        try
        {
            output = OutputGeneration.Open(setup.OutputFolder, request.WaitForOutputFolder ? observer.Information : null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or OutputFolderException)
        {
            problems.Add(ConfigurationProblem.Of(setup.OutputFolder, exception is OutputFolderException ? exception.Message : "the output folder cannot be used: " + exception.Message));
            return RunOutcome.Configuration(problems);
        }

        using (output)
        {
            return Execute(request, observer, setup, output, started, clock, problems);
        }
    }

    private static RunOutcome Execute(RunRequest request, IRunObserver observer, RunSetup setup, OutputGeneration output, DateTimeOffset started, Stopwatch clock, List<ConfigurationProblem> problems)
    {
        var planMilliseconds = clock.Elapsed.TotalMilliseconds;
        observer.Information("template " + setup.Template.SourcePath + " (sha256 " + setup.Template.Sha256 + ")");
        foreach (var column in setup.UnusedTemplateOrder)
        {
            observer.Information("template order: '" + column + "' is not a condition column of this run, so its order is not used");
        }

        observer.Planned(setup.Plan.Samples.Count);
        var memory = MemoryBudget.Fit(request.MaximumMemoryBytes, request.Threads > 0 ? request.Threads : Environment.ProcessorCount, LargestFile(setup));
        if (memory.LimitBytes is not null)
        {
            observer.Information(memory.Describe());
        }

        var threads = memory.Threads;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };

        // Hash pass: every file's sha256 for run.json, sixteen files at a time (InputHashes); the passes below read
        // a file without hashing it while its size and last-write time are those hashed.
        var hashes = InputHashes.Compute(setup.Plan.Samples.Select(s => s.FullPath).ToList(), path => SampleProcessor.OpenInput(setup.Plan.Folder, path, request.MaximumFileBytes), threads);
        var processor = new SampleProcessor(setup.Compiled, setup.Plan, request.OnGated, request.MaximumFileBytes)
        {
            KnownSha256 = SampleProcessor.Trusting(setup.Plan.Samples, hashes),
        };
        var outcomes = new SampleOutcome[setup.Plan.Samples.Count];

        // Placement pass (only when the template computes a position): each file read once more, its parents counted
        // on each computed coordinate's axis; the counts are added up per group (integers, so in any order) and
        // every method runs once per group. The gating pass below then reads each file again and gates it with its
        // positions.
        var placementPlan = new PlacementPlan(setup.Compiled);
        var placements = new SamplePlacement?[outcomes.Length];
        if (placementPlan.HasComputed)
        {
            Parallel.For(0, outcomes.Length, options, index => placements[index] = processor.Place(setup.Plan.Samples[index], placementPlan));
        }

        var placement = RunPlacement.Decide(placementPlan, setup.Plan, setup.Overrides, placements);
        Parallel.For(0, outcomes.Length, options, index =>
        {
            var outcome = processor.Process(setup.Plan.Samples[index], placement, placements[index]);
            placements[index] = null;
            outcomes[index] = outcome;
            observer.FileFinished(outcome.File, outcome.Result is null ? FirstMessage(outcome) : null);
        });
        var processMilliseconds = clock.Elapsed.TotalMilliseconds - planMilliseconds;
        return Finish(request, observer, setup, output, outcomes, placement, threads, started, clock, planMilliseconds, processMilliseconds, problems, memory);
    }

    /// <summary>
    /// From every file's outcome (in plan order) to the committed output folder: tables, assays, QC, run.json, the
    /// caller's extra files and report, as one unit. `run` and `merge` (of shards) both end here, so they write the same bytes.
    /// </summary>
    internal static RunOutcome Finish(RunRequest request, IRunObserver observer, RunSetup setup, OutputGeneration output, IReadOnlyList<SampleOutcome> outcomes, RunPlacement placement, int threads, DateTimeOffset started, Stopwatch clock, double planMilliseconds, double processMilliseconds, List<ConfigurationProblem> problems, MemoryBudget? memory = null)
    {
        var tables = RunTables.Build(setup, outcomes);
        var assayMilliseconds = clock.Elapsed.TotalMilliseconds - planMilliseconds - processMilliseconds;
        var processed = tables.ProcessedSamples;
        var failedFiles = tables.FailedFiles;
        var status = processed == 0 ? RunStatus.NothingProcessed : failedFiles > 0 || tables.AssayFailures > 0 ? RunStatus.SomeInputsFailed : RunStatus.Success;
        if (status == RunStatus.Success && request.FailOnQc && tables.QcCounts.Fail > 0)
        {
            // run.json must tell what the exit code tells: a pipeline reading either sees the same verdict.
            status = RunStatus.QcFailed;
        }

        try
        {
            tables.Write(output);
            request.StageExtraFiles?.Invoke(output);
            var manifest = new RunManifest(
                request.ToolVersion,
                started,
                setup,
                outcomes,
                threads,
                output.RunId,
                status,
                processed,
                failedFiles,
                tables.QcCounts,
                placement,
                new RunTimings(planMilliseconds, processMilliseconds, assayMilliseconds, clock.Elapsed.TotalMilliseconds))
            {
                Memory = memory,
            };
            output.Write("run.json", manifest.Write);
            request.StageReport?.Invoke(output);
            output.Commit();
        }
        // .NET reports a write past the file system's or the process's file size limit (EFBIG) as an
        // ArgumentOutOfRangeException from the stream, not an IOException; it is the same kind of failure.
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            problems.Add(ConfigurationProblem.Of(setup.OutputFolder, "outputs could not be written (nothing was replaced): " + exception.Message));
            return RunOutcome.Configuration(problems);
        }

        if (tables.GatePositionSummary() is { } positions)
        {
            observer.Information(positions);
        }

        observer.Information("gated, measured and written in " + Math.Round(clock.Elapsed.TotalSeconds, 2) + " s");
        return new RunOutcome(status, problems, setup.OutputFolder, processed, failedFiles) { Template = setup.Template };
    }

    /// <summary>Bytes of the largest input (0 for one that cannot be read: it becomes a fail row, not memory).</summary>
    private static long LargestFile(RunSetup setup)
    {
        long largest = 0;
        foreach (var sample in setup.Plan.Samples)
        {
            try
            {
                largest = Math.Max(largest, new FileInfo(sample.FullPath).Length);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Reported by the gating pass.
            }
        }

        return largest;
    }

    private static string FirstMessage(SampleOutcome outcome) => outcome.Failures.Count > 0 ? outcome.Failures[0].Message : "failed";

    /// <summary>Lower-case hex sha256 of a file, read-only and shared.</summary>
    internal static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
