using System.Security.Cryptography;
using System.Text;
using CytoViability.Core.Output;
using CytoViability.Core.Templates;
using CytoViability.Reports.Charts;
using CytoViability.Reports.Html;
using CytoViability.Reports.Plots;

namespace CytoViability.Reports;

/// <summary>
/// Builds report.html and the figures under plots/ from a finished run's output folder: the CSV tables, run.json,
/// and the gate plots (handed over in memory by the run, or read back from plots/gate-plots.bin on a rebuild).
/// Figures are drawn in parallel. The report is written into a new generation of the output folder
/// (<see cref="OutputGeneration"/>): during a run, the run's own, committed with its tables; on a rebuild, one that
/// carries the run's files over, so the folder changes as one unit either way.
/// </summary>
public static class ReportBuilder
{
    public const string ReportFileName = "report.html";

    /// <summary>Rebuilds the report of the output folder at <paramref name="outputDirectory"/> and commits it.</summary>
    public static ReportOutcome Build(string outputDirectory, ReportInputs? inputs = null, int threads = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        if (!Directory.Exists(outputDirectory))
        {
            throw new DirectoryNotFoundException("output folder '" + outputDirectory + "' does not exist");
        }

        using var output = OutputGeneration.Open(outputDirectory);
        var fresh = inputs?.Samples is not null;
        output.CarryOver(relative => relative != ReportFileName && (!relative.StartsWith("plots/", StringComparison.Ordinal) || (!fresh && relative == GatePlotFile.RelativePath)));
        var outcome = Write(output, inputs, threads);
        output.Commit();
        return outcome;
    }

    /// <summary>Writes the report into <paramref name="output"/>, reading the tables and run.json already in it; the caller commits.</summary>
    public static ReportOutcome Write(OutputGeneration output, ReportInputs? inputs = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        var outputDirectory = output.StagingPath;
        var tables = ReportTables.Read(outputDirectory);
        var problems = new List<string>(tables.Problems);
        var run = ReadRun(outputDirectory, problems);
        var template = inputs?.Template ?? LoadTemplate(run, outputDirectory, problems);
        var samples = inputs?.Samples ?? ReadGatePlots(outputDirectory, run?.RunId, problems);
        var charts = ConditionChartBuilder.Build(tables, template);

        var jobs = new List<(string Stem, string Caption, Func<RenderedImage> Render)>();
        var names = new FileNames();
        foreach (var chart in charts.Metrics)
        {
            jobs.Add(("plots/conditions/" + names.Safe(chart.Name), chart.Title, () => ConditionChartRenderer.Render(chart, charts.Donors)));
        }

        foreach (var chart in charts.Killing)
        {
            jobs.Add(("plots/killing/" + names.Safe(chart.Name), chart.Title, () => ConditionChartRenderer.Render(chart, charts.Donors)));
        }

        var firstGalleryJob = jobs.Count;
        foreach (var sample in samples)
        {
            var folder = "plots/samples/" + names.Safe(sample.Sample) + "/";
            var gates = new FileNames();
            foreach (var plot in sample.Plots)
            {
                var caption = plot.Gate + " (of " + plot.Parent + ", " + plot.ParentCount + " events)";
                jobs.Add((folder + gates.Safe(plot.Gate), caption, () => GatePlotRenderer.Render(sample.Sample, plot)));
            }
        }

        var images = new RenderedImage[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount }, i => images[i] = jobs[i].Render());
        var figures = new ReportFigure[jobs.Count];
        for (var i = 0; i < jobs.Count; i++)
        {
            figures[i] = new ReportFigure(jobs[i].Stem, jobs[i].Caption, images[i]);
        }

        var qc = tables.Qc?.Rows ?? [];
        var gallery = new List<GallerySample>(samples.Count);
        var next = firstGalleryJob;
        foreach (var sample in samples)
        {
            gallery.Add(new GallerySample(sample.Sample, sample.File, figures[next..(next + sample.Plots.Count)], WorstStatus(qc, sample.Sample)));
            next += sample.Plots.Count;
        }

        var page = new ReportPage(
            run,
            qc,
            figures[..charts.Metrics.Count],
            figures[charts.Metrics.Count..firstGalleryJob],
            gallery,
            problems);

        foreach (var figure in figures)
        {
            output.Write(figure.Stem + ".png", stream => stream.Write(figure.Image.Png));
            output.WriteText(figure.Stem + ".svg", writer => writer.Write(figure.Image.Svg));
        }

        if (inputs?.Samples is { } fresh)
        {
            output.Write(GatePlotFile.RelativePath, stream => GatePlotFile.Write(stream, run?.RunId ?? output.RunId, fresh));
        }

        output.WriteText(ReportFileName, writer => HtmlReportWriter.Write(writer, page));
        return new ReportOutcome(Path.Combine(output.FullPath, ReportFileName), figures.Length, problems);
    }

    private static RunSummary? ReadRun(string folder, List<string> problems)
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
    /// run's id than run.json: drawing them beside these tables would show one run's gates with another's numbers.
    /// </summary>
    private static IReadOnlyList<SampleGatePlots> ReadGatePlots(string folder, string? runId, List<string> problems)
    {
        var path = Path.Combine(folder, GatePlotFile.RelativePath);
        if (!File.Exists(path))
        {
            return [];
        }

        (string RunId, IReadOnlyList<SampleGatePlots> Samples) file;
        try
        {
            file = GatePlotFile.Read(path);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            problems.Add(GatePlotFile.RelativePath + " could not be read, so the sample gallery is empty: " + exception.Message);
            return [];
        }

        if (runId is not null && file.RunId != runId)
        {
            throw new OutputFolderException(GatePlotFile.RelativePath + " holds the gate plots of another run (run id " + file.RunId + ") than run.json (run id " + runId
                + "): the folder mixes two runs. Run `cytoviability run` again, or delete " + GatePlotFile.RelativePath + " to rebuild the report without gate plots");
        }

        return file.Samples;
    }

    private static QcStatus? WorstStatus(IReadOnlyList<QcRow> rows, string sample)
    {
        QcStatus? worst = null;
        foreach (var row in rows)
        {
            if (row.Sample == sample && (worst is null || row.Status > worst))
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
