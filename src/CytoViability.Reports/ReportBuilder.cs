using System.Security.Cryptography;
using System.Text;
using CytoViability.Core.Csv;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;
using CytoViability.Reports.Charts;
using CytoViability.Reports.Html;
using CytoViability.Reports.Plots;
using CytoViability.Reports.Results;

namespace CytoViability.Reports;

/// <summary>
/// Builds report.html, the sample pages under report/ (gate plots inline) and the charts under plots/ from a finished run's output
/// folder: the CSV tables, run.json, and the gate plots (handed over in memory by the run, or read back from
/// plots/gate-plots.bin on a rebuild). Figures are drawn in parallel, the gallery in batches so memory stays bounded. The report is written into a new generation of the output folder
/// (<see cref="OutputGeneration"/>): during a run, the run's own, committed with its tables; on a rebuild, one that
/// carries the run's files over, so the folder changes as one unit either way.
/// </summary>
internal static class ReportBuilder
{
    public const string ReportFileName = "report.html";

    /// <summary>Samples drawn at once: bounds the memory the gallery takes whatever the number of samples.</summary>
    private const int SamplesPerBatch = 64;

    /// <summary>
    /// Sample pages written at once. Each file is flushed to disk before the folder is committed, and a disk commits
    /// concurrent flushes together: one writer waited about 6 ms per page, four about 1 ms. The writers wait on the
    /// disk, not the processor, so they do not count against --threads.
    /// </summary>
    private static readonly ParallelOptions PageWriters = new() { MaxDegreeOfParallelism = 4 };

    /// <summary>Where each sample's page of gate plots goes, linked from the main page's sample index.</summary>
    private const string SamplePagesFolder = "report/";

    /// <summary>
    /// Rebuilds the report of the output folder at <paramref name="outputDirectory"/> and commits it.
    /// <paramref name="progress"/>, when given, receives a line as the gallery is drawn (about every tenth of the samples).
    /// </summary>
    public static ReportOutcome Build(string outputDirectory, ReportInputs? inputs = null, int threads = 0, Action<string>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        if (!Directory.Exists(outputDirectory))
        {
            throw new DirectoryNotFoundException("output folder '" + outputDirectory + "' does not exist");
        }

        using var output = OutputGeneration.Open(outputDirectory);
        var fresh = inputs?.Samples is not null;
        output.CarryOver(relative => relative != ReportFileName && !relative.StartsWith(SamplePagesFolder, StringComparison.Ordinal)
            && (!relative.StartsWith("plots/", StringComparison.Ordinal) || (!fresh && relative == GatePlotFile.RelativePath)));
        var outcome = Write(output, inputs, threads, progress);
        output.Commit();
        return outcome;
    }

    /// <summary>
    /// Writes the report into <paramref name="output"/>, reading the tables and run.json already in it; the caller
    /// commits. <paramref name="progress"/>, when given, receives a line as the gallery is drawn.
    /// </summary>
    public static ReportOutcome Write(OutputGeneration output, ReportInputs? inputs = null, int threads = 0, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var outputDirectory = output.StagingPath;
        var tables = ReportTables.Read(outputDirectory);
        var problems = new List<string>(tables.Problems);
        var run = ReadRun(outputDirectory, problems);
        var template = inputs?.Template ?? LoadTemplate(run, outputDirectory, problems);
        var key = GatePlotFile.Key(outputDirectory, run?.TemplateSha256);
        var samples = inputs?.Samples ?? ReadGatePlots(outputDirectory, run is null ? null : key, problems);
        var sheet = ConditionOrder.ReadSheet(run);
        var charts = ConditionChartBuilder.Build(tables, template, sheet, run?.ConditionOrder);
        var digest = RunDigest.Build(tables, run, template, sheet);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };

        var names = new FileNames();
        var chartList = new List<(ConditionChart Chart, string Stem)>();
        foreach (var chart in charts.Metrics)
        {
            chartList.Add((chart, "plots/conditions/" + names.Safe(chart.Name)));
        }

        foreach (var chart in charts.Killing)
        {
            chartList.Add((chart, "plots/killing/" + names.Safe(chart.Name)));
        }

        var chartFigures = new ReportFigure[chartList.Count];
        Parallel.For(0, chartList.Count, parallel, i => chartFigures[i] = new ReportFigure(chartList[i].Stem, chartList[i].Chart.Title, ConditionChartRenderer.Render(chartList[i].Chart, charts.Donors)));
        var order = tables.Summary is { } summary ? new ConditionOrder(summary.DynamicColumns, sheet, template, summary.Rows.Select(row => row.Conditions), run?.ConditionOrder) : null;
        var overlay = order is null ? null : HistogramOverlay.Build(samples, tables, template, order);
        if (overlay is not null)
        {
            chartFigures = [.. chartFigures, new ReportFigure("plots/killing/" + names.Safe("overlay"), overlay.Title, overlay.Render())];
        }

        var mfiOverlay = order is null ? null : HistogramOverlay.BuildMfi(samples, tables, template, order);
        var mfiFigure = mfiOverlay is null ? null : new ReportFigure("plots/conditions/" + names.Safe("overlay"), mfiOverlay.Title, mfiOverlay.Render());
        foreach (var figure in mfiFigure is null ? chartFigures : [.. chartFigures, mfiFigure])
        {
            WriteFigure(output, figure);
        }

        var qc = tables.Qc?.Rows ?? [];
        var qcBySample = new Dictionary<string, List<QcRow>>(StringComparer.Ordinal);
        foreach (var row in qc)
        {
            if (!qcBySample.TryGetValue(row.Sample, out var rows))
            {
                rows = [];
                qcBySample[row.Sample] = rows;
            }

            rows.Add(row);
        }

        var gallery = new List<GallerySample>(samples.Count);
        var figures = chartFigures.Length + (mfiFigure is null ? 0 : 1);
        var reported = 0;
        for (var start = 0; start < samples.Count; start += SamplesPerBatch)
        {
            var batch = samples.Skip(start).Take(SamplesPerBatch).ToList();
            var jobs = new List<(int Sample, string Caption, GatePlot Plot)>();
            var firstFigure = new int[batch.Count + 1];
            for (var s = 0; s < batch.Count; s++)
            {
                firstFigure[s] = jobs.Count;
                foreach (var plot in batch[s].Plots)
                {
                    jobs.Add((s, plot.Gate + " (of " + plot.Parent + ", " + plot.ParentCount + " events)", plot));
                }
            }

            firstFigure[batch.Count] = jobs.Count;
            var rendered = new GateFigure[jobs.Count];
            var drawn = batch;
            Parallel.For(0, jobs.Count, parallel, i => rendered[i] = new GateFigure(jobs[i].Caption, GatePlotRenderer.Render(drawn[jobs[i].Sample].Sample, jobs[i].Plot)));
            var pages = new string[batch.Count];
            var sampleQc = new List<QcRow>[batch.Count];
            for (var s = 0; s < batch.Count; s++)
            {
                pages[s] = SamplePagesFolder + names.Safe(batch[s].Sample) + ".html";
                sampleQc[s] = qcBySample.TryGetValue(batch[s].Sample, out var rows) ? rows : [];
            }

            Parallel.For(0, batch.Count, PageWriters, s => output.WriteText(
                pages[s], writer => SamplePageWriter.Write(writer, drawn[s].Sample, drawn[s].File, sampleQc[s], rendered[firstFigure[s]..firstFigure[s + 1]])));
            for (var s = 0; s < batch.Count; s++)
            {
                gallery.Add(new GallerySample(batch[s].Sample, batch[s].File, pages[s], batch[s].Plots.Count, WorstStatus(sampleQc[s])));
            }

            figures += rendered.Length;
            var done = Math.Min(start + SamplesPerBatch, samples.Count);
            if (progress is not null && (done == samples.Count || done * 10 / samples.Count > reported))
            {
                reported = done * 10 / samples.Count;
                progress("report: gate plots of " + done + "/" + samples.Count + " samples drawn");
            }
        }

        if (inputs?.Samples is { } fresh)
        {
            output.Write(GatePlotFile.RelativePath, stream => GatePlotFile.Write(stream, key, fresh));
        }

        var worst = new Dictionary<string, QcStatus?>(StringComparer.Ordinal);
        foreach (var (sample, rows) in qcBySample)
        {
            worst[sample] = WorstStatus(rows);
        }

        var overview = order is null ? null : SampleOverview.Build(tables, template, order, worst);
        var report = new ReportPage(run, digest, qc, Sections(charts, chartFigures, mfiFigure, digest), overview, ReadWide(outputDirectory, problems), gallery, problems);
        output.WriteText(ReportFileName, writer => HtmlReportWriter.Write(writer, report));
        return new ReportOutcome(Path.Combine(output.FullPath, ReportFileName), figures, problems);
    }

    private static void WriteFigure(OutputGeneration output, ReportFigure figure)
    {
        output.Write(figure.Stem + ".png", stream => stream.Write(figure.Image.Png));
        if (figure.Image.Svg is { } svg)
        {
            output.WriteText(figure.Stem + ".svg", writer => writer.Write(svg));
        }
    }

    /// <summary>
    /// One section per metric, the run's main metric first; the killing charts (one per antibody) share one; the MFI
    /// overlay goes with the MFI's chart (the fold's when the run has no MFI chart).
    /// </summary>
    private static List<ResultSection> Sections(ChartSet charts, ReportFigure[] figures, ReportFigure? mfiOverlay, RunDigest digest)
    {
        var sections = new List<ResultSection>();
        var overlaid = mfiOverlay is null ? -1 : charts.Metrics.ToList().FindIndex(chart => chart.Name == "mfi");
        if (mfiOverlay is not null && overlaid < 0)
        {
            overlaid = charts.Metrics.ToList().FindIndex(chart => chart.Name == "log2_fold");
        }

        for (var i = 0; i < charts.Metrics.Count; i++)
        {
            var chart = charts.Metrics[i];
            sections.Add(new ResultSection("result-" + chart.Name, chart.Title, i == overlaid ? [figures[i], mfiOverlay!] : [figures[i]], chart.Bars, charts.Donors, chart.Test));
        }

        if (charts.Killing.Count > 0)
        {
            var killing = charts.Killing;
            var rows = killing.SelectMany(chart => chart.Bars).ToList();
            var title = digest.Metrics.FirstOrDefault(metric => metric.Metric == "percent_killing")?.Title ?? killing[0].Title;
            sections.Insert(0, new ResultSection("result-percent_killing", title, figures[charts.Metrics.Count..], rows, charts.Donors, killing[0].Test));
        }

        if (digest.MainMetric is { } main && sections.FindIndex(section => section.Id == "result-" + main.Metric) is var index and > 0)
        {
            var first = sections[index];
            sections.RemoveAt(index);
            sections.Insert(0, first);
        }

        return sections;
    }

    /// <summary>populations_wide.csv of the run, for the statistics table (null when the run wrote none).</summary>
    private static CsvTable? ReadWide(string folder, List<string> problems)
    {
        var path = Path.Combine(folder, "populations_wide.csv");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return CsvReader.ReadFile(path);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            problems.Add("populations_wide.csv could not be read: " + exception.Message);
            return null;
        }
    }

    internal static RunSummary? ReadRun(string folder, List<string> problems)
    {
        var path = Path.Combine(folder, "run.json");
        if (!File.Exists(path))
        {
            problems.Add("run.json is missing");
            return null;
        }

        try
        {
            return RunSummary.Read(path);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            problems.Add("run.json could not be read: " + exception.Message);
            return null;
        }
    }

    /// <summary>The run's template, for the assay populations behind the viability and purity donor dots.</summary>
    private static GatingTemplate? LoadTemplate(RunSummary? run, string outputDirectory, List<string> problems)
    {
        if (run?.TemplatePath is not { } path)
        {
            return null;
        }

        // A shipped template is recorded as shipped:NAME and comes from the tool itself, not from a file.
        var shipped = path.StartsWith(ShippedTemplates.SourcePrefix, StringComparison.Ordinal) ? ShippedTemplates.Find(path) : null;
        if (shipped is null && !File.Exists(path))
        {
            problems.Add("template " + path + " (named in run.json) is not found, so the report is drawn without it: no donor dots, all-samples grid or histogram overlays, and the charts' default titles");
            return null;
        }

        var loaded = shipped is null ? TemplateLoader.LoadFile(path) : ShippedTemplates.Load(shipped, outputDirectory);
        if (loaded.Template is null)
        {
            problems.Add("template " + path + " no longer loads, so viability and purity charts show no donor dots");
        }

        return loaded.Template;
    }

    /// <summary>
    /// The gate plots of plots/gate-plots.bin, refused (an <see cref="OutputFolderException"/>) when they carry another
    /// key than the folder's template and populations.csv give: drawing them beside these tables would show one run's
    /// gates with another's numbers.
    /// </summary>
    private static IReadOnlyList<SampleGatePlots> ReadGatePlots(string folder, string? key, List<string> problems)
    {
        var path = Path.Combine(folder, GatePlotFile.RelativePath);
        if (!File.Exists(path))
        {
            return [];
        }

        (string Key, IReadOnlyList<SampleGatePlots> Samples) file;
        try
        {
            file = GatePlotFile.Read(path);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            problems.Add(GatePlotFile.RelativePath + " could not be read, so the sample gallery is empty: " + exception.Message);
            return [];
        }

        if (key is not null && file.Key != key)
        {
            throw new OutputFolderException(GatePlotFile.RelativePath + " holds the gate plots of another run than run.json and populations.csv (another template or"
                + " other files): the folder mixes two runs. Run `cytoviability run` again, or delete " + GatePlotFile.RelativePath + " to rebuild the report without gate plots");
        }

        return file.Samples;
    }

    private static QcStatus? WorstStatus(List<QcRow> rows)
    {
        QcStatus? worst = null;
        foreach (var row in rows)
        {
            if (worst is null || row.Status > worst)
            {
                worst = row.Status;
            }
        }

        return worst;
    }

    /// <summary>
    /// File names from sample and gate names: letters, digits, '.', '-' and '_' kept, anything else '_'; a name that
    /// had to change, or that would clash, gets a short hash of the original so two samples never share files.
    /// </summary>
    private sealed class FileNames
    {
        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        public string Safe(string name)
        {
            var safe = new StringBuilder(Math.Min(name.Length, 60));
            foreach (var c in name)
            {
                if (safe.Length == 60)
                {
                    break;
                }

                safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && safe.Length > 0) ? c : '_');
            }

            var result = safe.ToString();
            if (result != name || result.Length == 0 || !_used.Add(result))
            {
                result += "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..10];
                _used.Add(result);
            }

            return result;
        }
    }
}
