namespace CytoViability.Library;

/// <summary>A finished run: how it ended, where its outputs are, and every CSV table it wrote, read back.</summary>
public sealed class ExperimentResults
{
    internal ExperimentResults(ExperimentStatus status, string outputFolder, int processed, int failed, IReadOnlyList<ResultTable> tables)
    {
        Status = status;
        OutputFolder = outputFolder;
        Processed = processed;
        Failed = failed;
        Tables = tables;
    }

    public ExperimentStatus Status { get; }

    /// <summary>The output folder, full path.</summary>
    public string OutputFolder { get; }

    /// <summary>Files gated.</summary>
    public int Processed { get; }

    /// <summary>Files that could not be gated (their fail rows are in qc.csv).</summary>
    public int Failed { get; }

    /// <summary>The CSV tables of the output folder (populations.csv, mfi.csv, qc.csv, summary.csv, ...), by file name.</summary>
    public IReadOnlyList<ResultTable> Tables { get; }

    /// <summary>One table by file name, e.g. <c>populations.csv</c>.</summary>
    /// <exception cref="KeyNotFoundException">The run wrote no such table (an assay the template does not ask for).</exception>
    public ResultTable Table(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var table in Tables)
        {
            if (table.Name == name)
            {
                return table;
            }
        }

        throw new KeyNotFoundException("the run wrote no " + name + " (it wrote " + string.Join(", ", Tables.Select(t => t.Name)) + ")");
    }
}
