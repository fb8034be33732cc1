using CytoViability.Core.Csv;
using CytoViability.Core.Output;
using CytoViability.Core.Runs;

namespace CytoViability.Library;

/// <summary>
/// Runs an experiment folder as `cytoviability run` does (the same engine, the same output folder and the same
/// tables), without the HTML report and run.log, which belong to the command-line tool.
/// </summary>
public static class Experiment
{
    /// <summary>
    /// Gates every FCS file of <paramref name="folder"/>, joins the assays across samples and writes the output
    /// folder as one unit (by default <c>FOLDER/cytoviability-out</c>); returns its tables. One bad file is a fail row
    /// in qc.csv, never the end of the run.
    /// </summary>
    /// <exception cref="ExperimentException">Nothing ran: the folder, experiment.yaml, the sample sheet, the template or the output folder cannot be used.</exception>
    public static ExperimentResults Run(string folder, ExperimentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        options ??= new ExperimentOptions();
        var request = new RunRequest(folder, options.Template, options.Samples, options.Output, options.Threads)
        {
            ToolVersion = typeof(Experiment).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            FailOnQc = options.FailOnQc,
        };
        var outcome = BatchRun.Execute(request, SilentRunObserver.Instance);
        if (outcome.Status == RunStatus.ConfigurationError || outcome.OutputFolder is null)
        {
            var problems = new List<string>(outcome.Problems.Count);
            foreach (var problem in outcome.Problems)
            {
                problems.Add(problem.ToString());
            }

            throw new ExperimentException(problems);
        }

        var tables = new List<ResultTable>();
        foreach (var path in Directory.GetFiles(outcome.OutputFolder, "*.csv"))
        {
            var table = CsvReader.ReadFile(path);
            tables.Add(new ResultTable(Path.GetFileName(path), table.Header, table.Rows));
        }

        tables.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var status = outcome.Status switch
        {
            RunStatus.Success => ExperimentStatus.Success,
            RunStatus.SomeInputsFailed => ExperimentStatus.SomeInputsFailed,
            RunStatus.QcFailed => ExperimentStatus.QcFailed,
            _ => ExperimentStatus.NothingProcessed,
        };
        return new ExperimentResults(status, outcome.OutputFolder, outcome.Processed, outcome.Failed, tables);
    }
}
