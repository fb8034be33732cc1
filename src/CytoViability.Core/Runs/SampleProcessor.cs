using System.Diagnostics;
using System.Runtime.ExceptionServices;
using CytoViability.Core.Compensation;
using CytoViability.Core.Experiments;
using CytoViability.Core.Fcs;
using CytoViability.Core.Files;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Gating;
using CytoViability.Core.Hashing;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Core.Statistics;
using CytoViability.Core.Templates;
using PlacementMethod = CytoViability.Core.Templates.PlacementMethod;

namespace CytoViability.Core.Runs;

/// <summary>
/// Processes one file: read (read-only), metadata, channel resolution, compensation, transforms, gates, statistics
/// and per-file QC. Every way a file can fail becomes fail rows of its own; nothing here stops the other files.
/// Thread-safe: one instance serves all worker threads.
/// </summary>
internal sealed class SampleProcessor
{
    /// <summary>Larger inputs are refused rather than decoded whole into memory, unless `run --max-file-size` says otherwise.</summary>
    public const long DefaultMaximumFileBytes = 1L << 30;

    /// <summary>Only data set 0 is gated, so only its events are decoded; later data sets are counted and checked.</summary>
    private static readonly FcsReadOptions FirstDataSetEvents = new() { EventsOfFirstDataSetOnly = true };

    /// <summary>
    /// The placement pass and a shard's map step: only the events placement counts (every <see cref="PlacementAxes.Stride"/>-th)
    /// are decoded (read one by one when far apart, else picked out of contiguous slices; see
    /// <see cref="FcsReadOptions.SampledEvents"/>). Nothing decoded is kept for the gating pass: reading the file again (from the page cache)
    /// into the columns the previous file used costs less than holding it in fresh memory, a page fault per 4 KiB page
    /// (the 64-file ADCC batch took 6.7 s of CPU keeping every file, 3.9 s reading each again; docs/DESIGN.md).
    /// </summary>
    private static readonly FcsReadOptions PlacementSample = new() { EventsOfFirstDataSetOnly = true, SampledEvents = PlacementAxes.EventsPerFile };

    private readonly CompiledTemplate _compiled;
    private readonly GatingTemplate _template;
    private readonly ExperimentPlan _plan;
    private readonly IReadOnlyList<string> _usedAliases;
    private readonly QcEvaluator _qc;

    private readonly Action<GatedSample>? _onGated;
    private readonly RunPlacement _fixedPositions;
    private readonly PlacementQc _placementQc;
    private readonly long _maximumFileBytes;
    private readonly SampleBuffers _buffers = new();
    private long _allocatedAtCollection = GC.GetTotalAllocatedBytes();

    public SampleProcessor(CompiledTemplate compiled, ExperimentPlan plan, Action<GatedSample>? onGated = null, long maximumFileBytes = DefaultMaximumFileBytes)
    {
        var template = compiled.Template;
        _compiled = compiled;
        _onGated = onGated;
        _maximumFileBytes = maximumFileBytes;
        _template = template;
        _plan = plan;
        _usedAliases = ChannelResolver.UsedAliases(template);
        _qc = new QcEvaluator(compiled.QcOptions);
        var placementPlan = new PlacementPlan(compiled);
        _fixedPositions = RunPlacement.Decide(placementPlan, plan, [], []);
        _placementQc = new PlacementQc(placementPlan);
    }

    /// <summary>
    /// A file's sha256 known without hashing it, given the file just opened: a run trusts its hash pass, a shard its
    /// manifest, while the file's size and last-write time are those hashed; null to hash it while reading.
    /// </summary>
    public Func<PlannedSample, FileStream, string?>? KnownSha256 { get; init; }

    /// <summary>
    /// <see cref="KnownSha256"/> from a hash pass over <paramref name="samples"/> (<see cref="InputHashes.Compute"/>,
    /// in the same order): a file's hash while it is unchanged, else null.
    /// </summary>
    public static Func<PlannedSample, FileStream, string?> Trusting(IReadOnlyList<PlannedSample> samples, IReadOnlyList<InputHash?> hashes)
    {
        var hashOf = new Dictionary<string, InputHash>(StringComparer.Ordinal);
        for (var i = 0; i < samples.Count; i++)
        {
            if (hashes[i] is { } hash)
            {
                hashOf[samples[i].FullPath] = hash;
            }
        }

        return (sample, opened) => hashOf.TryGetValue(sample.FullPath, out var hash) ? hash.Unchanged(opened) : null;
    }

    public SampleOutcome Process(PlannedSample sample, RunPlacement? placement = null, SamplePlacement? ownPlacement = null)
    {
        // Nothing of the file outlives this call but its results (and the report's plot bins, made in OnGated).
        using var buffers = _buffers.Open();
        var clock = Stopwatch.StartNew();
        var file = sample.RelativePath;
        var provisionalName = ProvisionalName(sample);
        string? sha256;
        long length;
        FcsFile? fcs = null;
        ExceptionDispatchInfo? readFailure = null;
        try
        {
            using var stream = OpenInput(sample.FullPath);
            using var source = new FcsHashingFileSource(stream.SafeFileHandle, stream.Length, KnownSha256?.Invoke(sample, stream));
            length = stream.Length;
            try
            {
                fcs = FcsReader.Read(source, file, FirstDataSetEvents);
            }
            catch (Exception exception) when (exception is not IOException and not UnauthorizedAccessException)
            {
                // Reported below like any other failure of this file, with the file's hash.
                readFailure = ExceptionDispatchInfo.Capture(exception);
            }

            sha256 = source.Finish();
        }
        catch (ContainmentException exception)
        {
            return Failed(file, null, 0, 0, clock, new QcRow(provisionalName, file, QcChecks.Containment, null, null, QcStatus.Fail, exception.Message));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or OutOfMemoryException or InputTooLargeException)
        {
            return Failed(file, null, 0, 0, clock, QcEvaluator.UnreadableFile(provisionalName, file, "cannot be read: " + exception.Message));
        }

        try
        {
            readFailure?.Throw();
            var prepared = Prepare(sample, fcs!, length, sha256, clock, out var failure);
            if (prepared is null)
            {
                return failure!;
            }

            return Analyse(sample, sha256, length, prepared, clock, placement, ownPlacement);
        }
        catch (FcsFormatException exception)
        {
            return Failed(file, sha256, length, 0, clock, QcEvaluator.UnreadableFile(provisionalName, file, exception.Message));
        }
        catch (Exception exception) when (exception is OutOfMemoryException or InsufficientExecutionStackException)
        {
            // Safe to survive: .NET throws these before the allocation (or the call) is made, so the heap is intact,
            // and this file's arrays become garbage as the stack unwinds. Only this file is lost, not the batch.
            return Failed(file, sha256, length, 0, clock, QcEvaluator.UnreadableFile(provisionalName, file, "needs more memory than the process may use (" + length + "-byte file; " + exception.GetType().Name + "); the other files go on"));
        }
        catch (Exception exception)
        {
            // A file that trips an unforeseen fault in any stage is reported like an unreadable one, so that one
            // strange file never takes the other samples of the batch down with it.
            return Failed(file, sha256, length, 0, clock, QcEvaluator.UnreadableFile(provisionalName, file, "could not be processed (" + exception.GetType().Name + "): " + exception.Message));
        }
        finally
        {
            Released();
        }
    }

    /// <summary>
    /// A file is done with: everything it allocated, except its results and plot bins, is garbage now. The garbage
    /// collector would let that pile up over many large files (the peak grew with the number of files), so once the
    /// process has allocated <see cref="MemoryBudget.ConstantBytes"/> since the last such collection (garbage cannot
    /// exceed what was allocated), a full collection returns it. With the large arrays reused from
    /// <see cref="SampleBuffers"/>, files of one size allocate little, and collections are rare: counting each
    /// file's size instead forced 15 full collections per 384-file run that had allocated 206 MB in all.
    /// </summary>
    private void Released()
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var last = Volatile.Read(ref _allocatedAtCollection);
        if (allocated - last >= MemoryBudget.ConstantBytes && Interlocked.CompareExchange(ref _allocatedAtCollection, allocated, last) == last)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }

    /// <summary>
    /// The placement pass for one file: only the counted events are read and decoded (every
    /// <see cref="PlacementAxes.Stride"/>-th, <see cref="FcsReadOptions.SampledEvents"/>), then level by level the parents of the computed
    /// coordinates are gated and counted on each coordinate's axis. Pooled coordinates get the sample's own estimate (or
    /// their fallback) as a provisional value, so that the levels below can be counted in the same read. Null when the
    /// file cannot be used; the gating pass reports why.
    /// </summary>
    /// <remarks>
    /// A run's gating pass reads and hashes the file again, so the file is not hashed here. With
    /// <paramref name="hashFile"/> (a shard's map step, whose gating comes later in another process) the file's sha256
    /// is given too (hashed as read, or <see cref="KnownSha256"/>), to be checked against the shard manifest, with the
    /// size and last-write time of the file it hashed (taken from the open file before it was read: `plan`).
    /// </remarks>
    public SamplePlacement? Place(PlannedSample sample, PlacementPlan plan, bool hashFile = false)
    {
        using var buffers = _buffers.Open();
        try
        {
            FcsFile fcs;
            string? sha256 = null;
            long length;
            DateTime modified;
            using (var stream = OpenInput(sample.FullPath))
            {
                length = stream.Length;
                modified = hashFile ? File.GetLastWriteTimeUtc(stream.SafeFileHandle) : default;
                if (!hashFile)
                {
                    fcs = FcsReader.Read(new FcsFileSource(stream.SafeFileHandle, length), sample.RelativePath, PlacementSample);
                }
                else
                {
                    using var source = new FcsHashingFileSource(stream.SafeFileHandle, length, KnownSha256?.Invoke(sample, stream), readAhead: true);
                    fcs = FcsReader.Read(source, sample.RelativePath, PlacementSample);
                    sha256 = source.Finish();
                }
            }

            var prepared = Prepare(sample, fcs, length, null, Stopwatch.StartNew(), out _);

            if (prepared is null)
            {
                return null;
            }

            // A file read as a sample holds exactly the strided events already (its stride comes out 1); packed and
            // ASCII DATA, which cannot be sampled, come decoded whole and are thinned here.
            var stride = PlacementAxes.Stride(prepared.Events.EventCount);
            var events = stride == 1 ? prepared.Events : Every(prepared, stride);
            var histograms = new Dictionary<string, Placement.AxisHistogram>(StringComparer.Ordinal);
            var own = new Dictionary<string, Placement.PlacementResult>(StringComparer.Ordinal);
            var provisional = new Dictionary<string, double>(StringComparer.Ordinal);

            // A level's gates have computed coordinates only on earlier levels (PlacementPlan), so a population gated
            // on one level has the same gate on every later one: its membership is carried forward, not gated again.
            var gated = new Dictionary<string, Bitset>(StringComparer.Ordinal);
            for (var level = 0; level < plan.Levels.Count; level++)
            {
                var applied = GateCoordinate.Apply(_template, provisional);
                var positioned = _compiled.WithGates(applied);
                var strategy = positioned.Resolve(prepared.Channels, plan.GatesFor(level));
                var evaluated = EvaluatedSample.Evaluate(positioned, strategy, events, prepared.Spillover, gated);
                foreach (var population in strategy.Strategy.PopulationIds)
                {
                    gated[population] = evaluated.Result.Membership(population);
                }

                // Coordinates on the same parent and axis (a range's two bounds, targets and effectors split on one
                // divider) share one histogram: it is only read from here on.
                var filled = new Dictionary<(string, string), Placement.AxisHistogram>();
                foreach (var coordinate in plan.Levels[level])
                {
                    if (!filled.TryGetValue((coordinate.ParentId, coordinate.Channel), out var histogram))
                    {
                        histogram = plan.Axes.Histogram(coordinate.Channel);
                        plan.Axes.Fill(histogram, coordinate.Channel, evaluated.DataValues(coordinate.Channel), evaluated.Membership(coordinate.ParentId), 1);
                        filled[(coordinate.ParentId, coordinate.Channel)] = histogram;
                    }

                    histograms[coordinate.Key] = histogram;
                    var result = CoordinatePlacer.Place(coordinate, histogram, plan.Axes);
                    own[coordinate.Key] = result;
                    var value = result.Position is { } axis ? plan.Axes.ToData(coordinate.Channel, axis) : double.NaN;
                    var allowed = coordinate.Computed!.Allowed;
                    if (coordinate.Computed.Method == PlacementMethod.Control || !double.IsFinite(value) || (allowed is { } limits && (value < limits.Minimum || value > limits.Maximum)))
                    {
                        value = coordinate.Computed.Fallback ?? value;
                    }

                    if (double.IsFinite(value))
                    {
                        provisional[coordinate.Key] = plan.Axes.ToGateUnits(coordinate.Channel, coordinate.Units, value);
                    }
                }
            }

            Released();
            return hashFile
                ? new SamplePlacement(prepared.Metadata, histograms, own) { Sha256 = sha256, Bytes = length, ModifiedUtc = modified }
                : new SamplePlacement(prepared.Metadata, histograms, own);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Whatever stops a file here stops it in the gating pass too, which reports it as a fail row.
            return null;
        }
    }

    /// <summary>Every <paramref name="stride"/>-th event of the file, in file order (the placement pass's sample).</summary>
    private static EventColumns Every(Prepared prepared, int stride)
    {
        var count = ((prepared.Events.EventCount - 1) / stride) + 1;
        return new EventColumns(count, prepared.Events.Names, prepared.Events.Stains, index => prepared.DataSet.ScaleColumn(index, stride));
    }

    internal sealed record Prepared(SampleMetadata Metadata, FcsDataSet DataSet, ChannelResolution Resolution, Dictionary<string, string> Channels, CompensationMatrix? Spillover, EventColumns Events, List<QcRow> Qc);

    /// <summary>Parses, names and resolves one file; null with the outcome that says why when it cannot be gated.</summary>
    private Prepared? Prepare(PlannedSample sample, FcsFile fcs, long length, string? sha256, Stopwatch clock, out SampleOutcome? failure)
    {
        failure = null;
        var file = sample.RelativePath;
        if (fcs.DataSets.Count == 0)
        {
            failure = Failed(file, sha256, length, 0, clock, QcEvaluator.UnreadableFile(ProvisionalName(sample), file, "the file holds no data set"));
            return null;
        }

        var dataSet = fcs.DataSets[0];
        var metadata = SampleMetadataResolver.Resolve(_plan, sample, key => dataSet.Keywords[key], out var metadataFailure);
        if (metadata is null)
        {
            failure = Failed(file, sha256, length, dataSet.EventCount, clock, QcEvaluator.MissingMetadata(ProvisionalName(sample), file, metadataFailure));
            return null;
        }

        var resolution = ChannelResolver.Resolve(_template, _usedAliases, dataSet);
        if (resolution.Unresolved.Count > 0)
        {
            var rows = new List<QcRow>();
            foreach (var (alias, problem) in resolution.Unresolved)
            {
                rows.Add(QcEvaluator.UnresolvedChannel(metadata.Sample, file, alias, problem));
            }

            failure = Failed(file, sha256, length, dataSet.EventCount, clock, [.. rows]);
            return null;
        }

        var qc = new List<QcRow>();
        if (fcs.DataSets.Count > 1)
        {
            qc.Add(new QcRow(metadata.Sample, file, QcChecks.DataSets, fcs.DataSets.Count, 1, QcStatus.Warn, "the file holds " + fcs.DataSets.Count + " data sets; only the first was gated"));
        }

        foreach (var warning in dataSet.Warnings)
        {
            qc.Add(new QcRow(metadata.Sample, file, QcChecks.FcsReader, null, null, QcStatus.Warn, warning));
        }

        if (QcEvaluator.ChannelsByDetector(metadata.Sample, file, resolution.ByDetectorFallback.Select(fallback => (fallback.Alias, fallback.Parameter)).ToArray()) is { } byDetector)
        {
            qc.Add(byDetector);
        }

        var channels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (alias, index) in resolution.Indexes)
        {
            channels[alias] = dataSet.Parameters[index].Name;
        }

        if (_template.Compensation.Source == CompensationSource.File && dataSet.HasUnreadableSpillover)
        {
            failure = Failed(file, sha256, length, dataSet.EventCount, clock, new QcRow(metadata.Sample, file, QcChecks.Compensation, null, null, QcStatus.Fail, "the file's spillover keyword cannot be read, so it cannot be compensated as the template asks"));
            return null;
        }

        CompensationMatrix? spillover = null;
        if (_template.Compensation.Source == CompensationSource.File && dataSet.Spillover is { } fileSpillover)
        {
            string? problem;
            IReadOnlyList<string> mapped;
            try
            {
                spillover = FileSpilloverChannels.Map(fileSpillover, dataSet.Parameters, out mapped, out problem);
            }
            catch (CompensationException exception)
            {
                (mapped, problem) = ([], exception.Message);
            }

            if (problem is not null)
            {
                failure = Failed(file, sha256, length, dataSet.EventCount, clock, new QcRow(metadata.Sample, file, QcChecks.Compensation, null, null, QcStatus.Fail, problem));
                return null;
            }

            if (mapped.Count > 0)
            {
                qc.Add(new QcRow(metadata.Sample, file, QcChecks.Compensation, mapped.Count, null, QcStatus.Warn, "the file's spillover matrix names its channels by stain ($PnS) or parameter number, not $PnN; mapped: " + string.Join(", ", mapped)));
            }
        }
        else if (_template.Compensation.Source == CompensationSource.File)
        {
            qc.Add(new QcRow(metadata.Sample, file, QcChecks.Compensation, null, null, QcStatus.Warn, "the file has no spillover matrix ($SPILLOVER or SPILL); its data were used uncompensated"));
        }

        var names = new string[dataSet.Parameters.Count];
        var stains = new string?[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = dataSet.Parameters[i].Name;
            stains[i] = dataSet.Parameters[i].Stain;
        }

        return new Prepared(metadata, dataSet, resolution, channels, spillover, new EventColumns(dataSet.EventCount, names, stains, dataSet.ScaleColumn, dataSet.ScaleBlock, dataSet.WidenedColumn), qc);
    }

    private SampleOutcome Analyse(PlannedSample sample, string sha256, long length, Prepared prepared, Stopwatch clock, RunPlacement? placement, SamplePlacement? ownPlacement)
    {
        var file = sample.RelativePath;
        var (metadata, dataSet, resolution, channels, spillover, events, qc) = prepared;
        var positions = placement?.For(metadata, ownPlacement) ?? _fixedPositions.For(metadata, null);
        qc.AddRange(positions.Qc);
        foreach (var row in positions.Rows)
        {
            if (double.IsNaN(row.Value))
            {
                return Failed(file, sha256, length, dataSet.EventCount, clock, [.. qc.Where(r => r.Status == QcStatus.Fail)]);
            }
        }

        var applied = GateCoordinate.Apply(_template, positions.Values);
        var compiled = positions.Values.Count == 0 ? _compiled : _compiled.WithGates(applied);
        EvaluatedSample evaluated;
        try
        {
            evaluated = EvaluatedSample.Evaluate(compiled, compiled.Resolve(channels), events, spillover);
        }
        catch (CompensationException exception)
        {
            return Failed(file, sha256, length, dataSet.EventCount, clock, new QcRow(metadata.Sample, file, QcChecks.Compensation, null, null, QcStatus.Fail, exception.Message));
        }

        var result = Summarise(metadata, dataSet, resolution, evaluated, qc, positions);
        if (_onGated is not null)
        {
            var plotChannels = new Dictionary<string, PlotChannel>(StringComparer.Ordinal);
            foreach (var (alias, index) in resolution.Indexes)
            {
                var parameter = dataSet.Parameters[index];
                plotChannels[alias] = new PlotChannel(parameter.Name, string.IsNullOrWhiteSpace(parameter.Stain) ? null : parameter.Stain, parameter.Range);
            }

            _onGated(new GatedSample(metadata.Sample, file, compiled, evaluated.Result, evaluated.PlotValues) { Channels = plotChannels });
        }
        return new SampleOutcome(file, result, [], sha256, length, dataSet.EventCount, clock.Elapsed.TotalMilliseconds);
    }

    private SampleResult Summarise(SampleMetadata metadata, FcsDataSet dataSet, ChannelResolution resolution, EvaluatedSample evaluated, List<QcRow> qc, SamplePositions positions)
    {
        var sampleMetadata = new string[2 + metadata.Values.Count];
        sampleMetadata[0] = metadata.Donor;
        sampleMetadata[1] = metadata.Replicate;
        for (var i = 0; i < metadata.Values.Count; i++)
        {
            sampleMetadata[i + 2] = metadata.Values[i];
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var population in _template.Populations)
        {
            counts[population] = evaluated.Count(population);
        }

        var total = counts[GatingTemplate.AllEvents];
        var populations = new List<PopulationRow>();
        foreach (var population in _template.ReportedPopulations)
        {
            var parent = population == GatingTemplate.AllEvents ? string.Empty : _template.Parents[population];
            var count = counts[population];
            var parentCount = parent.Length == 0 ? total : counts[parent];
            var measured = new PopulationCounts(count, parentCount, total);
            populations.Add(new PopulationRow(metadata.Sample, metadata.File, population, parent, count, parentCount, measured.PercentParent, measured.PercentTotal, sampleMetadata));
        }

        var mfi = new List<MfiRow>();
        foreach (var request in _template.Statistics.Mfi)
        {
            foreach (var channel in request.Channels)
            {
                var summary = ChannelStatistics.Compute(evaluated.DataValues(channel), evaluated.Membership(request.Population), evaluated.Display(channel));
                mfi.Add(new MfiRow(metadata.Sample, request.Population, channel, Marker(dataSet, resolution, channel), summary.Mean, summary.Median, summary.GeometricMean, summary.NonPositiveCount, summary.DisplayMean, summary.Cv, summary.RobustCv, summary.Count));
            }
        }

        var foldStatistic = double.NaN;
        if (_template.Assays.MfiFold is { } fold)
        {
            var summary = ChannelStatistics.Compute(evaluated.DataValues(fold.Channel), evaluated.Membership(fold.Population), evaluated.Display(fold.Channel));
            foldStatistic = fold.Statistic switch
            {
                MfiStatistic.Median => summary.Median,
                MfiStatistic.DisplayMean => summary.DisplayMean,
                _ => summary.GeometricMean,
            };
        }

        foreach (var (population, _) in _template.Qc.MinimumEvents)
        {
            if (_qc.KeyPopulationEvents(metadata.Sample, metadata.File, population, counts[population]) is { } row)
            {
                qc.Add(row);
            }
        }

        // One pass over each channel counts its edges and its finite events, which the non-finite check reads.
        var edges = new EdgeEventCounts[_usedAliases.Count];
        var finite = new long[_usedAliases.Count];
        for (var a = 0; a < edges.Length; a++)
        {
            var index = resolution.Indexes[_usedAliases[a]];
            edges[a] = EdgeEventCounts.Compute(dataSet.Column(index), dataSet.Parameters[index].Range);
            finite[a] = edges[a].EventCount;
        }

        qc.Add(_qc.NonFiniteEvents(metadata.Sample, metadata.File, NonFiniteEventCounts.Compute(_usedAliases, alias => dataSet.Column(resolution.Indexes[alias]), finite)));
        for (var a = 0; a < edges.Length; a++)
        {
            qc.Add(_qc.SaturationAtMaximum(metadata.Sample, metadata.File, _usedAliases[a], edges[a]));
            qc.Add(_qc.SaturationAtMinimum(metadata.Sample, metadata.File, _usedAliases[a], edges[a]));
        }

        using var counted = _placementQc.Counted(evaluated);
        qc.AddRange(_placementQc.BoundaryDensity(metadata, positions, evaluated, counted));
        var gates = new List<GateRow>(positions.Rows.Count);
        foreach (var row in positions.Rows)
        {
            gates.Add(new GateRow(metadata.Sample, metadata.File, row.Coordinate.GateId, row.Coordinate.Dimension, row.Value, row.Method, row.Scope, row.Status));
        }

        return new SampleResult(metadata, populations, mfi, qc, counts, foldStatistic, gates, _placementQc.Medians(evaluated, counted));
    }

    private static string Marker(FcsDataSet dataSet, ChannelResolution resolution, string channel)
    {
        if (!resolution.Indexes.TryGetValue(channel, out var index))
        {
            return channel;
        }

        var parameter = dataSet.Parameters[index];
        return string.IsNullOrWhiteSpace(parameter.Stain) ? parameter.Name : parameter.Stain;
    }

    /// <summary>
    /// The file opened read-only, once what opened is known to lie inside the experiment folder and to hold at most
    /// --max-file-size bytes. The FCS reader reads it in slices, so no whole copy of the file is held: in the gating
    /// pass through <see cref="FcsHashingFileSource"/>, hashed as read unless a sha256 is trusted (the run's hash
    /// pass, a shard's manifest: <see cref="KnownSha256"/>); in the placement pass, unhashed, unless a map step asked
    /// for the hash.
    /// </summary>
    private FileStream OpenInput(string path) => OpenInput(_plan.Folder, path, _maximumFileBytes);

    /// <summary>An input opened as the run reads it: inside <paramref name="folder"/>, not empty, at most <paramref name="maximumFileBytes"/> (the hash pass opens files this way too).</summary>
    internal static FileStream OpenInput(string folder, string path, long maximumFileBytes)
    {
        // Opening a named pipe for reading waits for a writer that may never come and would stall the whole run;
        // pipes, sockets and devices report no size, so a path without bytes is refused before it is opened.
        if (new FileInfo(path).Length == 0)
        {
            throw new IOException("the file is empty (or is a pipe or device, not a file)");
        }

        var stream = ContainedFile.OpenRead(folder, path);
        var length = stream.Length;
        if (length > maximumFileBytes)
        {
            stream.Dispose();
            throw new InputTooLargeException("the file is " + length + " bytes, over the limit of " + maximumFileBytes + " bytes (--max-file-size)");
        }

        return stream;
    }

    private static string ProvisionalName(PlannedSample sample) => sample.Row?.Sample ?? sample.RelativePath;

    private static SampleOutcome Failed(string file, string? sha256, long bytes, int events, Stopwatch clock, params QcRow[] rows)
        => new(file, null, rows, sha256, bytes, events, clock.Elapsed.TotalMilliseconds);
}
